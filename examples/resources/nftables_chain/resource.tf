resource "nftables_table" "filter" {
  family = "inet"
  name   = "filter"
}

resource "nftables_chain" "input" {
  table_id = nftables_table.filter.id
  name     = "input"
  type     = "filter"
  hook     = "input"
  priority = "filter"
  policy   = "drop"

  rule {
    expr = "iifname lo accept"
  }
  rule {
    expr = "ct state related,established accept"
  }
  rule {
    expr    = "tcp dport {22,80,443} accept"
    comment = "ssh and web"
  }
  rule {
    expr = "counter"
  }
}
