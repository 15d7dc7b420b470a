resource "nftables_table" "filter" {
  family = "inet"
  name   = "filter"
}

resource "nftables_quota" "guest" {
  table_id = nftables_table.filter.id
  name     = "guest"
  bytes    = 10 * 1024 * 1024 * 1024 # 10 GiB; nft lists it as 10240 mbytes
  over     = true
}

resource "nftables_chain" "forward" {
  table_id = nftables_table.filter.id
  name     = "forward"
  type     = "filter"
  hook     = "forward"
  priority = "0"

  rule {
    expr = "iifname \"guest0\" quota name \"${nftables_quota.guest.name}\" drop"
  }
}
