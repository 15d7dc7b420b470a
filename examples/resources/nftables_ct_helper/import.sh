# <host>/<family>/<table>/<ct helper>; import the table (nftables_table) first.
terraform import nftables_ct_helper.ftp 10.0.0.5/inet/filter/ftp-standard
