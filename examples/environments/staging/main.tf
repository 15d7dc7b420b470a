# staging: production-like limits, a small blocklist, kubelet only from the control plane, drops logged sparingly.
# One provider block for every host; each module instance names its own host.

terraform {
  required_version = ">= 1.5"
  required_providers {
    nftables = { source = "nftkeeper/nftables" }
  }
}

provider "nftables" {
  private_key_file = var.private_key_file
  known_hosts_file = var.known_hosts_file
}

module "web" {
  source   = "../../../modules/web-server"
  for_each = toset(var.web_hosts)

  host                       = each.key
  blocklist                  = ["198.51.100.0/24"]
  max_connections_per_source = 200
}

module "gateway" {
  source   = "../../../modules/nat-gateway"
  for_each = toset(var.gateway_hosts)

  host               = each.key
  external_interface = "eth0"
  internal_interface = "eth1"
  internal_cidrs     = ["10.20.0.0/16"]
  port_forwards = [
    { port = 8443, to_address = "10.20.1.11", to_port = 443 },
  ]
}

module "kubernetes" {
  source   = "../../../modules/kubernetes-node"
  for_each = toset(var.kubernetes_nodes)

  host              = each.key
  node_cidrs        = ["10.20.2.0/24"]
  kubelet_cidrs     = ["10.20.2.0/28"]
  pod_cidrs         = ["10.245.0.0/16"]
  overlay_udp_ports = [8472, 51820, 51821]
}

# Every host gets the baseline; it admits what the role modules ask for.
module "baseline" {
  source   = "../../../modules/host-baseline"
  for_each = toset(concat(var.web_hosts, var.gateway_hosts, var.kubernetes_nodes))

  host        = each.key
  admin_cidrs = var.admin_cidrs
  icmp_rate   = "20/second"
  log_drops   = true
  log_rate    = "5/minute"
  service_rules = concat(
    try(module.web[each.key].baseline_rules, []),
    try(module.kubernetes[each.key].baseline_rules, []),
  )
}
