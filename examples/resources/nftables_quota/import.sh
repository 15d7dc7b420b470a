# <host>/<family>/<table>/<quota>; import the table (nftables_table) first. used is read, not reset.
terraform import nftables_quota.guest 10.0.0.5/inet/filter/guest
