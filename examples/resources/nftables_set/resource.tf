resource "nftables_table" "filter" {
  family = "inet"
  name   = "filter"
}

resource "nftables_set" "allowed" {
  table_id = nftables_table.filter.id
  name     = "allowed"
  type     = "ipv4_addr"
  flags    = ["interval"]
  # A list that means a set: another order is no change, and each element is listed once.
  elements = ["10.0.0.0/8", "192.168.1.0/24", "172.16.0.1"]
}

resource "nftables_set" "services" {
  table_id = nftables_table.filter.id
  name     = "services"
  type     = "ipv4_addr . inet_service"
  elements = ["10.0.0.1 . 22", "10.0.0.2 . 443"]
}

# A blocklist of up to millions of elements from a file (one element per line, `#` comments): the elements never
# enter Terraform's plan or state, and the plan shows a summary such as `+1,204 / −37 elements`.
resource "nftables_set" "blocklist" {
  table_id      = nftables_table.filter.id
  name          = "blocklist"
  type          = "ipv4_addr"
  flags         = ["interval"]
  auto_merge    = true
  elements_file = "${path.module}/blocklist.txt"
}
