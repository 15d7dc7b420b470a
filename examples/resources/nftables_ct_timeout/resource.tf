resource "nftables_table" "filter" {
  family = "inet"
  name   = "filter"
}

# Idle established TCP connections to the backend are forgotten after two minutes instead of five days.
resource "nftables_ct_timeout" "tcp_short" {
  table_id = nftables_table.filter.id
  name     = "tcp-short"
  protocol = "tcp"
  l3proto  = "ip"
  policy = {
    established = 120
    close_wait  = 30
  }
}

resource "nftables_chain" "timeouts" {
  table_id = nftables_table.filter.id
  name     = "timeouts"
  type     = "filter"
  hook     = "prerouting"
  priority = "0"

  rule {
    expr = "ip daddr 10.0.0.10 tcp dport 8080 ct timeout set \"${nftables_ct_timeout.tcp_short.name}\""
  }
}
