resource "nftables_table" "filter" {
  family = "inet"
  name   = "filter"
}

# Each new connection to port 5060 makes the kernel expect up to 8 related TCP connections back to port 5061 within
# 30 seconds.
resource "nftables_ct_expectation" "media" {
  table_id = nftables_table.filter.id
  name     = "media"
  protocol = "tcp"
  dport    = 5061
  timeout  = "30s"
  size     = 8
  l3proto  = "ip"
}

resource "nftables_chain" "expectations" {
  table_id = nftables_table.filter.id
  name     = "expectations"
  type     = "filter"
  hook     = "output"
  priority = "0"

  rule {
    expr = "tcp dport 5060 ct state new ct expectation set \"${nftables_ct_expectation.media.name}\""
  }
}
