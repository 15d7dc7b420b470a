resource "nftables_table" "nat" {
  family = "ip"
  name   = "nat"
}

# A verdict map: `ip saddr vmap @by_source` in a chain's rule.
resource "nftables_map" "by_source" {
  table_id   = nftables_table.nat.id
  name       = "by_source"
  type       = "ipv4_addr"
  value_type = "verdict"
  flags      = ["interval"]
  elements = {
    "10.0.0.0/8"  = "accept"
    "192.168.1.7" = "drop"
  }
}

# A DNAT map: `dnat to tcp dport map @ports` sends port 8080 to 10.0.0.9:80.
resource "nftables_map" "ports" {
  table_id   = nftables_table.nat.id
  name       = "ports"
  type       = "inet_service"
  value_type = "ipv4_addr . inet_service"
  elements = {
    "8080" = "10.0.0.9 . 80"
  }
}

# Concatenated key: `dnat to ip daddr . tcp dport map @services`.
resource "nftables_map" "services" {
  table_id   = nftables_table.nat.id
  name       = "services"
  type       = "ipv4_addr . inet_service"
  value_type = "ipv4_addr . inet_service"
  elements = {
    "203.0.113.10 . 443" = "10.0.0.20 . 8443"
  }
}
