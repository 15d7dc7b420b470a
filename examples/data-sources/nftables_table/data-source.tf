# One table as the host has it now, managed or not.
data "nftables_table" "kube_proxy" {
  host   = "10.0.0.5"
  family = "ip"
  name   = "kube-proxy"
}

output "kube_proxy_chains" {
  value = data.nftables_table.kube_proxy.chains
}

output "kube_proxy_is_managed" {
  value = data.nftables_table.kube_proxy.managed
}
