# An inet table that only drops: sources on the blocklist, and new connections beyond the per-source limit. It does
# not accept the web ports itself: the host's filtering chain does (see the baseline_rules output), because in
# nftables an accept ends only its own chain while a drop is final for every table.

locals {
  blocklist_v4 = distinct([for c in var.blocklist : c if !strcontains(c, ":")])
  blocklist_v6 = distinct([for c in var.blocklist : c if strcontains(c, ":")])
  ports        = "{ ${join(", ", var.ports)} }"
}

resource "nftables_table" "this" {
  host   = var.host
  family = "inet"
  name   = var.table_name
}

resource "nftables_set" "blocklist_v4" {
  table_id = nftables_table.this.id
  name     = "blocklist_v4"
  type     = "ipv4_addr"
  flags    = ["interval"]
  elements = local.blocklist_v4
}

resource "nftables_set" "blocklist_v6" {
  table_id = nftables_table.this.id
  name     = "blocklist_v6"
  type     = "ipv6_addr"
  flags    = ["interval"]
  elements = local.blocklist_v6
}

# The datapath fills these with one entry per source (ct count); they are never drift.
resource "nftables_set" "connections_v4" {
  table_id = nftables_table.this.id
  name     = "connections_v4"
  type     = "ipv4_addr"
  flags    = ["dynamic"]
  size     = var.tracked_sources
}

resource "nftables_set" "connections_v6" {
  table_id = nftables_table.this.id
  name     = "connections_v6"
  type     = "ipv6_addr"
  flags    = ["dynamic"]
  size     = var.tracked_sources
}

resource "nftables_chain" "input" {
  table_id = nftables_table.this.id
  name     = "input"
  type     = "filter"
  hook     = "input"
  priority = var.priority
  policy   = "accept"

  rule {
    expr    = "tcp dport ${local.ports} ip saddr @blocklist_v4 drop"
    comment = "blocklist (IPv4)"
  }
  rule {
    expr    = "tcp dport ${local.ports} ip6 saddr @blocklist_v6 drop"
    comment = "blocklist (IPv6)"
  }
  rule {
    expr    = "tcp dport ${local.ports} ct state new add @connections_v4 { ip saddr ct count over ${var.max_connections_per_source} } reject with tcp reset"
    comment = "per-source connection limit (IPv4)"
  }
  rule {
    expr    = "tcp dport ${local.ports} ct state new add @connections_v6 { ip6 saddr ct count over ${var.max_connections_per_source} } reject with tcp reset"
    comment = "per-source connection limit (IPv6)"
  }

  depends_on = [nftables_set.blocklist_v4, nftables_set.blocklist_v6, nftables_set.connections_v4, nftables_set.connections_v6]

  lifecycle {
    # a new size replaces the counting sets, and the kernel deletes a set only when no rule uses it
    replace_triggered_by = [nftables_set.connections_v4.size, nftables_set.connections_v6.size]
  }
}
