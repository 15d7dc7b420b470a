resource "nftables_table" "filter" {
  family = "inet"
  name   = "filter"
}

# Needs SELinux enabled on the host with a policy that defines the context.
resource "nftables_secmark" "ssh_server" {
  table_id = nftables_table.filter.id
  name     = "ssh_server"
  context  = "system_u:object_r:ssh_server_packet_t:s0"
}

resource "nftables_chain" "input" {
  table_id = nftables_table.filter.id
  name     = "input"
  type     = "filter"
  hook     = "input"
  priority = "0"

  rule {
    expr = "tcp dport 22 meta secmark set \"${nftables_secmark.ssh_server.name}\""
  }
}
