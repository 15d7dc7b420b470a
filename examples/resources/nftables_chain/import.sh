# <host>/<family>/<table>/<chain>; import the table (nftables_table) first. Rules are imported as the host lists
# them: write them that way in the configuration, or the next plan rewrites them in your spelling (in place).
terraform import nftables_chain.input 10.0.0.5/inet/filter/input
