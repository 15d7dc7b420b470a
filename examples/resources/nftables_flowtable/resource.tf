resource "nftables_table" "filter" {
  family = "inet"
  name   = "filter"
}

# The fast path between the LAN and the uplink: once a forwarded connection is established, its packets skip the
# forwarding path (and, with "offload", go through the NIC where its driver supports it).
resource "nftables_flowtable" "fastpath" {
  table_id = nftables_table.filter.id
  name     = "fastpath"
  devices  = ["eth0", "eth1"]
  flags    = ["counter"]
}

resource "nftables_chain" "forward" {
  table_id = nftables_table.filter.id
  name     = "forward"
  type     = "filter"
  hook     = "forward"
  priority = "0"
  policy   = "drop"

  rule {
    expr = "meta l4proto { tcp, udp } flow add @${nftables_flowtable.fastpath.name}"
  }
  rule {
    expr = "ct state established,related accept"
  }
  rule {
    expr = "iifname \"eth1\" oifname \"eth0\" accept"
  }
}
