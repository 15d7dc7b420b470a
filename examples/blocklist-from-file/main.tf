# A blocklist of up to millions of prefixes, refreshed from a file by a scheduled job (refresh-blocklist.sh, run by
# blocklist-refresh.timer). The elements never enter Terraform's plan or state: the plan shows a summary such as
# `+1,204 / −37 elements`, and apply sends the host's agent only what changed, in one transaction.

provider "nftables" {
  host        = var.host
  user        = "root"
  private_key = file(var.private_key_file)
  host_key    = var.host_key
}

resource "nftables_table" "filter" {
  family = "inet"
  name   = "filter"
}

resource "nftables_set" "blocklist" {
  table_id   = nftables_table.filter.id
  name       = "blocklist"
  type       = "ipv4_addr"
  flags      = ["interval"]
  auto_merge = true # overlapping prefixes in the list are merged, as nft merges them

  elements_file   = "${path.module}/${var.blocklist_file}"
  elements_sha256 = var.blocklist_sha256
}

resource "nftables_chain" "input" {
  table_id = nftables_table.filter.id
  name     = "input"
  type     = "filter"
  hook     = "input"
  priority = "filter"
  policy   = "accept"
  rule {
    expr = "ip saddr @${nftables_set.blocklist.name} counter drop"
  }
}
