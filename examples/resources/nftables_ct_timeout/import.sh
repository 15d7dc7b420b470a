# <host>/<family>/<table>/<ct timeout>; import the table (nftables_table) first. nft lists only the states whose
# timeout differs from the kernel's default, so the imported policy holds only those.
terraform import nftables_ct_timeout.tcp_short 10.0.0.5/inet/filter/tcp-short
