# <host>/<family>/<table>/<secmark>; import the table (nftables_table) first.
terraform import nftables_secmark.ssh_server 10.0.0.5/inet/filter/ssh_server
