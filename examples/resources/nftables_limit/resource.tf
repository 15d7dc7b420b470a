resource "nftables_table" "filter" {
  family = "inet"
  name   = "filter"
}

resource "nftables_limit" "ping" {
  table_id = nftables_table.filter.id
  name     = "ping_10"
  rate     = "10/second"
  burst    = "20 packets"
  # The kernel cannot change a limit, nor delete one that rules use. To change this rate, add a second limit
  # (ping_20) and apply, point the rule at it and apply, then remove this one.
}

resource "nftables_limit" "bulk" {
  table_id = nftables_table.filter.id
  name     = "bulk"
  rate     = "1 mbytes/second"
  burst    = "64 kbytes"
  over     = true
}

resource "nftables_chain" "input" {
  table_id = nftables_table.filter.id
  name     = "input"
  type     = "filter"
  hook     = "input"
  priority = "0"

  rule {
    expr = "icmp type echo-request limit name \"${nftables_limit.ping.name}\" accept"
  }
  rule {
    expr = "icmp type echo-request drop"
  }
  rule {
    expr = "tcp dport 873 limit name \"${nftables_limit.bulk.name}\" drop"
  }
}
