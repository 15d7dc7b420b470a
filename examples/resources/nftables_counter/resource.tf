resource "nftables_table" "filter" {
  family = "inet"
  name   = "filter"
}

resource "nftables_counter" "ssh" {
  table_id = nftables_table.filter.id
  name     = "ssh"
}

resource "nftables_chain" "input" {
  table_id = nftables_table.filter.id
  name     = "input"
  type     = "filter"
  hook     = "input"
  priority = "0"

  rule {
    # a reference, not a literal name: terraform destroy then removes the rule before the counter
    expr = "tcp dport 22 counter name \"${nftables_counter.ssh.name}\" accept"
  }
}

output "ssh_packets" {
  value = nftables_counter.ssh.packets
}
