# One inet table with an input chain that drops by default. The order of the input rules is the module's lockout
# protection: the admin SSH rules come right after loopback and established/related, before any rule that can
# drop, reject or log, and nothing a caller passes in can be placed ahead of them.

locals {
  admin_v4 = distinct([for c in var.admin_cidrs : c if !strcontains(c, ":")])
  admin_v6 = distinct([for c in var.admin_cidrs : c if strcontains(c, ":")])

  base_input_rules = [
    { expr = "iifname \"lo\" accept", comment = "loopback" },
    { expr = "ct state established,related accept", comment = "replies and related traffic" },
    { expr = "ip saddr @admin_v4 tcp dport ${var.ssh_port} accept", comment = "ssh from admin_cidrs (IPv4)" },
    { expr = "ip6 saddr @admin_v6 tcp dport ${var.ssh_port} accept", comment = "ssh from admin_cidrs (IPv6)" },
    { expr = "ct state invalid drop", comment = "invalid" },
    { expr = "icmp type echo-request limit rate ${var.icmp_rate} accept", comment = "ping, rate limited" },
    { expr = "icmpv6 type echo-request limit rate ${var.icmp_rate} accept", comment = "ping6, rate limited" },
    { expr = "icmp type { destination-unreachable, time-exceeded, parameter-problem } limit rate ${var.icmp_rate} accept", comment = "ICMP errors, rate limited" },
    { expr = "icmpv6 type { destination-unreachable, packet-too-big, time-exceeded, parameter-problem } limit rate ${var.icmp_rate} accept", comment = "ICMPv6 errors, rate limited" },
    { expr = "icmpv6 type { nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert } ip6 hoplimit 255 accept", comment = "IPv6 neighbour discovery" },
  ]

  port_rules = concat(
    length(var.allowed_tcp_ports) == 0 ? [] : [
      { expr = "tcp dport { ${join(", ", var.allowed_tcp_ports)} } accept", comment = "allowed_tcp_ports" },
    ],
    length(var.allowed_udp_ports) == 0 ? [] : [
      { expr = "udp dport { ${join(", ", var.allowed_udp_ports)} } accept", comment = "allowed_udp_ports" },
    ],
  )

  log_rules = var.log_drops ? [
    { expr = "limit rate ${var.log_rate} log prefix \"${var.log_prefix}\"", comment = "log before the policy drops" },
  ] : []

  input_rules = concat(local.base_input_rules, local.port_rules, var.service_rules, local.log_rules)

  output_rules = var.output_policy == "accept" ? var.output_rules : concat([
    { expr = "oifname \"lo\" accept", comment = "loopback" },
    { expr = "ct state established,related accept", comment = "replies and related traffic" },
  ], var.output_rules)
}

resource "nftables_table" "this" {
  host   = var.host
  family = "inet"
  name   = var.table_name
}

resource "nftables_set" "admin_v4" {
  table_id = nftables_table.this.id
  name     = "admin_v4"
  type     = "ipv4_addr"
  flags    = ["interval"]
  elements = local.admin_v4
}

resource "nftables_set" "admin_v6" {
  table_id = nftables_table.this.id
  name     = "admin_v6"
  type     = "ipv6_addr"
  flags    = ["interval"]
  elements = local.admin_v6
}

resource "nftables_chain" "input" {
  table_id = nftables_table.this.id
  name     = "input"
  type     = "filter"
  hook     = "input"
  priority = "filter"
  policy   = "drop"

  dynamic "rule" {
    for_each = local.input_rules
    content {
      expr    = rule.value.expr
      comment = rule.value.comment
    }
  }

  # the rules name the admin sets: they must exist first (and are deleted after the chain)
  depends_on = [nftables_set.admin_v4, nftables_set.admin_v6]
}

resource "nftables_chain" "output" {
  table_id = nftables_table.this.id
  name     = "output"
  type     = "filter"
  hook     = "output"
  priority = "filter"
  policy   = var.output_policy

  dynamic "rule" {
    for_each = local.output_rules
    content {
      expr    = rule.value.expr
      comment = rule.value.comment
    }
  }
}
