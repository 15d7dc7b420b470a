resource "nftables_table" "filter" {
  family = "inet"
  name   = "filter"
}

resource "nftables_synproxy" "www" {
  table_id  = nftables_table.filter.id
  name      = "www"
  mss       = 1460
  wscale    = 7
  timestamp = true
  sack_perm = true
}

# SYNs to port 80 are not tracked, so the synproxy answers them; only completed handshakes reach the server.
resource "nftables_chain" "raw" {
  table_id = nftables_table.filter.id
  name     = "raw"
  type     = "filter"
  hook     = "prerouting"
  priority = "-300"

  rule {
    expr = "tcp dport 80 tcp flags syn notrack"
  }
}

resource "nftables_chain" "input" {
  table_id = nftables_table.filter.id
  name     = "input"
  type     = "filter"
  hook     = "input"
  priority = "0"

  rule {
    expr = "tcp dport 80 ct state invalid,untracked synproxy name \"${nftables_synproxy.www.name}\""
  }
  rule {
    expr = "ct state invalid drop"
  }
}
