output "table_id" {
  description = "`id` of the inet table (`<host>/inet/<table_name>`), for resources that add to it."
  value       = nftables_table.this.id
}

output "input_chain_id" {
  description = "`id` of the input chain."
  value       = nftables_chain.input.id
}

output "output_chain_id" {
  description = "`id` of the output chain."
  value       = nftables_chain.output.id
}

output "admin_set_ids" {
  description = "`id`s of the admin sets, by family: `ipv4` and `ipv6`."
  value = {
    ipv4 = nftables_set.admin_v4.id
    ipv6 = nftables_set.admin_v6.id
  }
}

output "input_rules" {
  description = "The input rules in the order they are applied (nft syntax, as configured)."
  value       = [for r in local.input_rules : r.expr]
}
