output "table_id" {
  description = "`id` of the module's inet table."
  value       = nftables_table.this.id
}

output "chain_ids" {
  description = "`id`s of the chains: `prerouting` (DNAT), `postrouting` (SNAT) and `forward`."
  value = {
    prerouting  = nftables_chain.prerouting.id
    postrouting = nftables_chain.postrouting.id
    forward     = nftables_chain.forward.id
  }
}

output "port_forwards" {
  description = "The forwards as `<protocol>/<port>` => `<address>:<port>`."
  value = {
    for f in var.port_forwards : "${f.protocol}/${f.port}" => "${f.to_address}:${coalesce(f.to_port, f.port)}"
  }
}
