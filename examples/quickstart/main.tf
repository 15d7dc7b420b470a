# A small host firewall: drop by default, SSH only from an allowlist, ping rate-limited, drops counted.
# scripts/quickstart fills in the variables for a sandbox host. On your own host, put the address Terraform
# connects from into ssh_allowed: the provider logs in over SSH through this very firewall.

provider "nftables" {
  host        = var.host
  user        = "root"
  private_key = file(var.private_key_file)
  host_key    = var.host_key
}

resource "nftables_table" "firewall" {
  family = "inet"
  name   = "quickstart"
}

resource "nftables_set" "ssh_allowed" {
  table_id = nftables_table.firewall.id
  name     = "ssh_allowed"
  type     = "ipv4_addr"
  flags    = ["interval"]
  elements = var.ssh_allowed
}

resource "nftables_limit" "ping" {
  table_id = nftables_table.firewall.id
  name     = "ping_rate"
  rate     = "10/second"
  burst    = "5 packets"
}

# `terraform apply -refresh-only` reads its packets and bytes. No output of them: a changed output would make
# every `terraform plan -detailed-exitcode` report a change, and this counter changes whenever a packet is dropped.
resource "nftables_counter" "dropped" {
  table_id = nftables_table.firewall.id
  name     = "dropped"
}

# Every echo request, also those of a ping already under way (conntrack has them as established).
resource "nftables_chain" "ping" {
  table_id = nftables_table.firewall.id
  name     = "ping"

  rule {
    expr = "limit name \"${nftables_limit.ping.name}\" accept"
  }
  rule {
    expr = "counter name \"${nftables_counter.dropped.name}\" drop"
  }
}

# Names come from references, so Terraform creates what a rule uses before the rule, and destroys it after.
resource "nftables_chain" "input" {
  table_id = nftables_table.firewall.id
  name     = "input"
  type     = "filter"
  hook     = "input"
  priority = "filter"
  policy   = "drop"

  rule {
    expr = "iifname \"lo\" accept"
  }
  rule {
    expr = "icmp type echo-request jump ${nftables_chain.ping.name}"
  }
  rule {
    expr    = "ct state established,related accept"
    comment = "replies, and the SSH session that applies this"
  }
  rule {
    expr = "ip saddr @${nftables_set.ssh_allowed.name} tcp dport 22 accept"
  }
  rule {
    expr = "icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-advert } ip6 hoplimit 255 accept"
  }
  rule {
    expr    = "counter name \"${nftables_counter.dropped.name}\""
    comment = "what the policy drops"
  }
}
