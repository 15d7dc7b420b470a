# A table of its own next to kube-proxy's (`table ip kube-proxy`, `table ip6 kube-proxy`), which nftkeeper never
# reads nor changes. This table only drops: overlay packets from outside node_cidrs and, when kubelet_cidrs is set,
# kubelet API packets from elsewhere. What a node must admit (kubelet, NodePorts, overlay, pods) is in the
# baseline_rules output for host-baseline, which owns the input policy.

locals {
  v4    = { for k, cidrs in { nodes = var.node_cidrs, kubelet = coalesce(var.kubelet_cidrs, []), pods = var.pod_cidrs } : k => distinct([for c in cidrs : c if !strcontains(c, ":")]) }
  v6    = { for k, cidrs in { nodes = var.node_cidrs, kubelet = coalesce(var.kubelet_cidrs, []), pods = var.pod_cidrs } : k => distinct([for c in cidrs : c if strcontains(c, ":")]) }
  udp   = "{ ${join(", ", var.overlay_udp_ports)} }"
  range = "${var.nodeport_range.from}-${var.nodeport_range.to}"

  kubelet_rules = var.kubelet_cidrs == null ? [] : [
    { expr = "tcp dport ${var.kubelet_port} ip saddr != @kubelet_v4 drop", comment = "kubelet API only from kubelet_cidrs (IPv4)" },
    { expr = "tcp dport ${var.kubelet_port} ip6 saddr != @kubelet_v6 drop", comment = "kubelet API only from kubelet_cidrs (IPv6)" },
  ]
  guard_rules = concat([
    { expr = "udp dport ${local.udp} ip saddr != @nodes_v4 drop", comment = "overlay only from node_cidrs (IPv4)" },
    { expr = "udp dport ${local.udp} ip6 saddr != @nodes_v6 drop", comment = "overlay only from node_cidrs (IPv6)" },
  ], local.kubelet_rules)

  baseline_rules = concat([
    { expr = "tcp dport ${var.kubelet_port} accept", comment = "kubelet API" },
    { expr = "meta l4proto { tcp, udp } th dport ${local.range} accept", comment = "Service NodePorts" },
    { expr = "udp dport ${local.udp} accept", comment = "CNI overlay" },
    ], length(local.v4.pods) == 0 ? [] : [
    { expr = "ip saddr { ${join(", ", local.v4.pods)} } accept", comment = "pods to the node (IPv4)" },
    ], length(local.v6.pods) == 0 ? [] : [
    { expr = "ip6 saddr { ${join(", ", local.v6.pods)} } accept", comment = "pods to the node (IPv6)" },
  ])
}

resource "nftables_table" "this" {
  host   = var.host
  family = "inet"
  name   = var.table_name
}

resource "nftables_set" "nodes_v4" {
  table_id = nftables_table.this.id
  name     = "nodes_v4"
  type     = "ipv4_addr"
  flags    = ["interval"]
  elements = local.v4.nodes
}

resource "nftables_set" "nodes_v6" {
  table_id = nftables_table.this.id
  name     = "nodes_v6"
  type     = "ipv6_addr"
  flags    = ["interval"]
  elements = local.v6.nodes
}

resource "nftables_set" "kubelet_v4" {
  table_id = nftables_table.this.id
  name     = "kubelet_v4"
  type     = "ipv4_addr"
  flags    = ["interval"]
  elements = local.v4.kubelet
}

resource "nftables_set" "kubelet_v6" {
  table_id = nftables_table.this.id
  name     = "kubelet_v6"
  type     = "ipv6_addr"
  flags    = ["interval"]
  elements = local.v6.kubelet
}

resource "nftables_chain" "input" {
  table_id = nftables_table.this.id
  name     = "input"
  type     = "filter"
  hook     = "input"
  priority = var.priority
  policy   = "accept"

  dynamic "rule" {
    for_each = local.guard_rules
    content {
      expr    = rule.value.expr
      comment = rule.value.comment
    }
  }

  depends_on = [nftables_set.nodes_v4, nftables_set.nodes_v6, nftables_set.kubelet_v4, nftables_set.kubelet_v6]
}
