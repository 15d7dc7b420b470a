resource "nftables_table" "filter" {
  family = "inet"
  name   = "filter"
}

# The kernel's FTP helper, assigned to FTP control connections: it opens the data connection the server announces
# (PASV/PORT) as "related", so `ct state established,related accept` lets it through.
resource "nftables_ct_helper" "ftp" {
  table_id = nftables_table.filter.id
  name     = "ftp-standard"
  type     = "ftp"
  protocol = "tcp"
  l3proto  = "inet"
}

resource "nftables_chain" "helpers" {
  table_id = nftables_table.filter.id
  name     = "helpers"
  type     = "filter"
  hook     = "prerouting"
  priority = "0"

  rule {
    expr = "tcp dport 21 ct helper set \"${nftables_ct_helper.ftp.name}\""
  }
}
