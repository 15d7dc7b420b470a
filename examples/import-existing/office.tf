# generated.tf as `terraform plan -generate-config-out=generated.tf` wrote it for hand-written.nft, after review:
# - table_id literals ("10.0.0.5/inet/office") became references, so Terraform orders creates and destroys;
# - the table's host literal became var.host;
# - attributes generated as null (and the table's empty flags) were left out, they are the defaults.
# The rule texts are kept as the host printed them: that is nft's canonical form, so they compare equal.

resource "nftables_table" "inet_office" {
  host   = var.host
  family = "inet"
  name   = "office"
}

resource "nftables_counter" "inet_office_ssh_accepted" {
  table_id = nftables_table.inet_office.id
  name     = "ssh_accepted"
}

resource "nftables_set" "inet_office_admins" {
  table_id = nftables_table.inet_office.id
  name     = "admins"
  type     = "ipv4_addr"
  flags    = ["interval"]
  elements = ["10.213.50.0/24", "10.213.51.10"]
}

resource "nftables_chain" "inet_office_admin_in" {
  table_id = nftables_table.inet_office.id
  name     = "admin_in"

  rule {
    expr = "tcp dport { 9090, 9100 } accept"
  }
  rule {
    expr = "return"
  }
}

resource "nftables_chain" "inet_office_input" {
  table_id = nftables_table.inet_office.id
  name     = "input"
  type     = "filter"
  hook     = "input"
  priority = "filter"
  policy   = "drop"

  rule {
    expr = "ct state established,related accept"
  }
  rule {
    expr = "ct state invalid drop"
  }
  rule {
    expr = "iifname \"lo\" accept"
  }
  rule {
    expr = "tcp dport 22 counter name \"${nftables_counter.inet_office_ssh_accepted.name}\" accept"
  }
  rule {
    expr = "ip saddr @${nftables_set.inet_office_admins.name} jump ${nftables_chain.inet_office_admin_in.name}"
  }
  rule {
    expr = "icmp type echo-request limit rate 5/second accept"
  }
  rule {
    expr    = "tcp dport { 80, 443 } accept"
    comment = "web"
  }
}
