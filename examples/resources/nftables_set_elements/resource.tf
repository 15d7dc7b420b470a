resource "nftables_table" "filter" {
  family = "inet"
  name   = "filter"
}

# The shared set: no `elements`, so it does not manage them and never reads contributions as drift.
resource "nftables_set" "admins" {
  table_id = nftables_table.filter.id
  name     = "admins"
  type     = "ipv4_addr"
  flags    = ["interval", "timeout"]
}

# One resource per team (usually in the team's own module); each manages only its own elements.
resource "nftables_set_elements" "team_web" {
  set_id   = nftables_set.admins.id
  elements = ["10.20.0.0/16", "192.168.7.10 timeout 8h comment \"on call\""]
}

resource "nftables_set_elements" "team_db" {
  set_id   = nftables_set.admins.id
  elements = ["10.30.0.0/16"]
}

# A contribution too large for a list: one element per line in a file (docs/guides/blocklists.md).
resource "nftables_set_elements" "team_vpn" {
  set_id        = nftables_set.admins.id
  elements_file = "${path.module}/vpn-admins.txt"
}
