# Only ids: an output of a live value (a counter's packets, a quota's used bytes) changes with traffic, and a
# changed output makes `terraform plan -detailed-exitcode` exit 2 although nothing on the host needs a change.

output "table_ids" {
  description = "The two tables of the guide."
  value       = [nftables_table.filter.id, nftables_table.nat.id]
}

output "counter_ids" {
  description = "The named counters, for `terraform state show` or `nftkeeper drift` (packets and bytes live there)."
  value       = [nftables_counter.ssh_hits.id, nftables_counter.web_hits.id]
}
