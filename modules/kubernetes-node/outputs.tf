output "table_id" {
  description = "`id` of the module's inet table."
  value       = nftables_table.this.id
}

output "input_chain_id" {
  description = "`id` of the input chain that drops overlay and kubelet packets from unexpected sources."
  value       = nftables_chain.input.id
}

output "baseline_rules" {
  description = "Rules that admit what a node must receive (kubelet, NodePorts, overlay, pods), for host-baseline's `service_rules`."
  value       = local.baseline_rules
}

output "nodeport_range" {
  description = "The NodePort range as nft writes it (`30000-32767`)."
  value       = local.range
}
