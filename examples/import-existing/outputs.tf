# Only the id: an output of the counter's packets would change with every SSH login, and a changed output makes
# `terraform plan -detailed-exitcode` exit 2 although nothing on the host needs a change.

output "table_id" {
  description = "The adopted table."
  value       = nftables_table.inet_office.id
}
