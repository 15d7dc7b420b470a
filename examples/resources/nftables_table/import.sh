# <host>/<family>/<name>; the table must exist on the host. Importing marks it as managed by nftkeeper.
terraform import nftables_table.filter 10.0.0.5/inet/filter
