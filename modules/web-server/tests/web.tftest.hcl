# Runs against a real host: pass -var-file with host, private_key_file and host_key (the acceptance tests write one
# for a sandbox host).

provider "nftables" {
  host        = var.host
  private_key = file(var.private_key_file)
  host_key    = var.host_key
}

run "blocks_listed_sources_and_limits_connections_per_source" {
  command = apply

  variables {
    table_name                 = "web_test"
    blocklist                  = ["192.0.2.0/24", "198.51.100.7", "2001:db8::/32"]
    max_connections_per_source = 20
  }

  assert {
    condition     = toset(nftables_set.blocklist_v4.elements) == toset(["192.0.2.0/24", "198.51.100.7"])
    error_message = "IPv4 blocklist entries must land in the IPv4 set"
  }
  assert {
    condition     = toset(nftables_set.blocklist_v6.elements) == toset(["2001:db8::/32"])
    error_message = "IPv6 blocklist entries must land in the IPv6 set"
  }
  assert {
    condition     = nftables_chain.input.rule[2].expr == "tcp dport { 80, 443 } ct state new add @connections_v4 { ip saddr ct count over 20 } reject with tcp reset"
    error_message = "new connections beyond the limit must be refused"
  }
  assert {
    condition     = nftables_chain.input.policy == "accept" && nftables_chain.input.priority == "filter - 10"
    error_message = "the chain only drops, and runs before host-baseline's"
  }
  assert {
    condition     = output.baseline_rules[0].expr == "tcp dport { 80, 443 } accept"
    error_message = "baseline_rules must admit the web ports"
  }
}

run "the_blocklist_changes_in_place" {
  command = apply

  variables {
    table_name = "web_test"
    blocklist  = ["192.0.2.0/24"]
    ports      = [8443]
  }

  assert {
    condition     = toset(nftables_set.blocklist_v4.elements) == toset(["192.0.2.0/24"]) && length(nftables_set.blocklist_v6.elements) == 0
    error_message = "removed blocklist entries must leave the sets"
  }
  assert {
    condition     = nftables_chain.input.rule[0].expr == "tcp dport { 8443 } ip saddr @blocklist_v4 drop"
    error_message = "the rules must follow the ports"
  }
}

run "refuses_a_malformed_blocklist_entry" {
  command = plan

  variables {
    blocklist = ["192.0.2.0/33"]
  }

  expect_failures = [var.blocklist]
}
