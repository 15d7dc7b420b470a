# <host>/<family>/<table>/<counter>; import the table (nftables_table) first. packets and bytes are read, not reset.
terraform import nftables_counter.ssh 10.0.0.5/inet/filter/ssh
