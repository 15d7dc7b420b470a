# dev: loose limits, every drop logged, kubelet open to the whole dev network.
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
  max_connections_per_source = 1000
}

module "gateway" {
  source   = "../../../modules/nat-gateway"
  for_each = toset(var.gateway_hosts)

  host               = each.key
  external_interface = "eth0"
  internal_cidrs     = ["10.10.0.0/16"]
  forward_policy     = "accept"
}

module "kubernetes" {
  source   = "../../../modules/kubernetes-node"
  for_each = toset(var.kubernetes_nodes)

  host       = each.key
  node_cidrs = ["10.10.0.0/16"]
  pod_cidrs  = ["10.244.0.0/16"]
}

# Every host gets the baseline; it admits what the role modules ask for.
module "baseline" {
  source   = "../../../modules/host-baseline"
  for_each = toset(concat(var.web_hosts, var.gateway_hosts, var.kubernetes_nodes))

  host        = each.key
  admin_cidrs = var.admin_cidrs
  icmp_rate   = "100/second"
  log_drops   = true
  log_rate    = "30/minute"
  service_rules = concat(
    try(module.web[each.key].baseline_rules, []),
    try(module.kubernetes[each.key].baseline_rules, []),
  )
}
