# <host>/<family>/<table>/<set>; import the table (nftables_table) first. Elements are imported as the host lists
# them (`10.0.0.0/8`, not `10.1.2.3/8`): write them that way, or the next plan rewrites them in your spelling.
terraform import nftables_set.allowed 10.0.0.5/inet/filter/allowed
