# <host>/<family>/<table>/<limit>; import the table (nftables_table) first. Rate and burst are imported as the host
# lists them (`1 kbytes/second`); any spelling of the same rate (`1024 bytes/second`) shows no diff.
terraform import nftables_limit.ping 10.0.0.5/inet/filter/ping_10
