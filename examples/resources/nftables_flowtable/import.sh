# <host>/<family>/<table>/<flowtable>; import the table (nftables_table) first. nft 1.0.6 does not list flowtable
# flags, so an imported flowtable has none: declare them and apply (which replaces the flowtable) if it had some.
terraform import nftables_flowtable.fastpath 10.0.0.5/inet/filter/fastpath
