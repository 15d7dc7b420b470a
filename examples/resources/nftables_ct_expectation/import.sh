# <host>/<family>/<table>/<ct expectation>; import the table (nftables_table) first. The timeout is imported in
# nft's spelling (`30s`); any spelling of the same duration shows no diff.
terraform import nftables_ct_expectation.media 10.0.0.5/inet/filter/media
