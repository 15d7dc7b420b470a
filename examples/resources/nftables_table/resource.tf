resource "nftables_table" "filter" {
  family  = "inet"
  name    = "filter"
  comment = "managed by terraform"
}

# A table whose base chains see no packets until `dormant` is removed (in place, no replacement).
resource "nftables_table" "staging" {
  family = "inet"
  name   = "staging"
  flags  = ["dormant"]
}
