# <host>/<family>/<table>/<synproxy>; import the table (nftables_table) first.
terraform import nftables_synproxy.www 10.0.0.5/inet/filter/www
