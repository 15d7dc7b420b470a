resource "nftables_table" "filter" {
  family = "inet"
  name   = "filter"
}
