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
