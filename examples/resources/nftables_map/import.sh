# <host>/<family>/<table>/<map>; import the table (nftables_table) first. Entries are imported as the host lists
# them (`10.0.0.0/8`, not `10.1.2.3/8`; marks as `0x00000005`): write them that way, or the next plan rewrites them.
terraform import nftables_map.by_source 10.0.0.5/ip/nat/by_source
