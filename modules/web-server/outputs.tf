output "table_id" {
  description = "`id` of the module's inet table."
  value       = nftables_table.this.id
}

output "input_chain_id" {
  description = "`id` of the input chain that drops blocked and over-limit sources."
  value       = nftables_chain.input.id
}

output "blocklist_set_ids" {
  description = "`id`s of the blocklist sets, by family: `ipv4` and `ipv6`."
  value = {
    ipv4 = nftables_set.blocklist_v4.id
    ipv6 = nftables_set.blocklist_v6.id
  }
}

output "tcp_ports" {
  description = "The web ports, for a firewall that admits them."
  value       = var.ports
}

output "baseline_rules" {
  description = "Rules that admit the web ports, for host-baseline's `service_rules`."
  value = [
    { expr = "tcp dport { ${join(", ", var.ports)} } accept", comment = "web-server" },
  ]
}
