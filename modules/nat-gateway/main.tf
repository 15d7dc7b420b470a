# An inet table with the three chains of an IPv4 gateway: port forwards (DNAT, an anonymous map per protocol),
# source NAT for the internal networks, and a forward filter. The kernel forwards only with net.ipv4.ip_forward=1,
# which this module does not set.

locals {
  external = "oifname \"${var.external_interface}\""
  internal = join(", ", var.internal_cidrs)
  from_internal = var.internal_interface == null ? "ip saddr { ${local.internal} }" : (
    "iifname \"${var.internal_interface}\" ip saddr { ${local.internal} }"
  )

  # "8080 : 10.0.0.2 . 80" per forward, grouped by protocol
  dnat_entries = {
    for proto in ["tcp", "udp"] : proto => [
      for f in var.port_forwards : "${f.port} : ${f.to_address} . ${coalesce(f.to_port, f.port)}" if f.protocol == proto
    ]
  }
  dnat_rules = [
    for proto, entries in local.dnat_entries : {
      expr    = "iifname \"${var.external_interface}\" dnat ip to ${proto} dport map { ${join(", ", entries)} }"
      comment = "port forwards (${proto})"
    } if length(entries) > 0
  ]

  snat_rule = {
    expr    = var.snat_address == null ? "${local.external} ${local.from_internal} masquerade" : "${local.external} ${local.from_internal} snat ip to ${var.snat_address}"
    comment = "source NAT for internal_cidrs"
  }

  # first, so every established TCP/UDP flow (the kernel offloads only those) enters the fast path
  fastpath_rules = [
    for ft in nftables_flowtable.fastpath : {
      expr = "meta l4proto { tcp, udp } flow add @${ft.name}", comment = "established flows to the fast path"
    }
  ]

  forward_rules = concat(local.fastpath_rules, [
    { expr = "ct state established,related accept", comment = "replies and related traffic" },
    { expr = "ct state invalid drop", comment = "invalid" },
    { expr = "${local.from_internal} ${local.external} accept", comment = "internal networks out" },
    { expr = "ct status dnat accept", comment = "port forwards in" },
  ], var.forward_rules)
}

resource "nftables_table" "this" {
  host   = var.host
  family = "inet"
  name   = var.table_name
}

resource "nftables_chain" "prerouting" {
  table_id = nftables_table.this.id
  name     = "prerouting"
  type     = "nat"
  hook     = "prerouting"
  priority = "dstnat"
  policy   = "accept"

  dynamic "rule" {
    for_each = local.dnat_rules
    content {
      expr    = rule.value.expr
      comment = rule.value.comment
    }
  }
}

resource "nftables_chain" "postrouting" {
  table_id = nftables_table.this.id
  name     = "postrouting"
  type     = "nat"
  hook     = "postrouting"
  priority = "srcnat"
  policy   = "accept"

  rule {
    expr    = local.snat_rule.expr
    comment = local.snat_rule.comment
  }
}

# The fast path for forwarded flows between the two interfaces (fastpath = true): their packets skip the forward
# chain once established. Needs a kernel with flowtable support (nf_flow_table) and both interfaces present.
resource "nftables_flowtable" "fastpath" {
  count    = var.fastpath ? 1 : 0
  table_id = nftables_table.this.id
  name     = "fastpath"
  devices  = [var.external_interface, var.internal_interface]
}

resource "nftables_chain" "forward" {
  table_id = nftables_table.this.id
  name     = "forward"
  type     = "filter"
  hook     = "forward"
  priority = "filter"
  policy   = var.forward_policy

  dynamic "rule" {
    for_each = local.forward_rules
    content {
      expr    = rule.value.expr
      comment = rule.value.comment
    }
  }
}
