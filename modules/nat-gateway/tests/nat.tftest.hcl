# Runs against a real host: pass -var-file with host, private_key_file and host_key (the acceptance tests write one
# for a sandbox host).

provider "nftables" {
  host        = var.host
  private_key = file(var.private_key_file)
  host_key    = var.host_key
}

variables {
  table_name         = "nat_test"
  external_interface = "wan0"
  internal_cidrs     = ["10.20.0.0/24", "10.21.0.0/16"]
}

run "masquerades_internal_networks_and_forwards_ports" {
  command = apply

  variables {
    port_forwards = [
      { port = 8080, to_address = "10.20.0.2", to_port = 80 },
      { port = 2222, to_address = "10.20.0.3", to_port = 22 },
      { protocol = "udp", port = 5353, to_address = "10.20.0.2", to_port = 53 },
    ]
  }

  assert {
    condition     = nftables_chain.postrouting.rule[0].expr == "oifname \"wan0\" ip saddr { 10.20.0.0/24, 10.21.0.0/16 } masquerade"
    error_message = "internal networks must be masqueraded on the external interface"
  }
  assert {
    condition = [for r in nftables_chain.prerouting.rule : r.expr] == [
      "iifname \"wan0\" dnat ip to tcp dport map { 8080 : 10.20.0.2 . 80, 2222 : 10.20.0.3 . 22 }",
      "iifname \"wan0\" dnat ip to udp dport map { 5353 : 10.20.0.2 . 53 }",
    ]
    error_message = "port forwards must become one DNAT map per protocol"
  }
  assert {
    condition     = nftables_chain.forward.policy == "drop" && length(nftables_chain.forward.rule) == 4
    error_message = "the forward chain must drop what its rules do not accept"
  }
  assert {
    condition     = output.port_forwards["tcp/8080"] == "10.20.0.2:80"
    error_message = "port_forwards output must describe the forwards"
  }
  assert {
    condition     = length(nftables_flowtable.fastpath) == 0 && nftables_chain.forward.rule[0].expr == "ct state established,related accept"
    error_message = "without fastpath there is no flowtable and no flow add rule"
  }
}

run "a_fixed_address_uses_snat_and_no_forwards_leave_prerouting_empty" {
  command = apply

  variables {
    snat_address       = "192.0.2.10"
    internal_interface = "lan0"
  }

  assert {
    condition     = nftables_chain.postrouting.rule[0].expr == "oifname \"wan0\" iifname \"lan0\" ip saddr { 10.20.0.0/24, 10.21.0.0/16 } snat ip to 192.0.2.10"
    error_message = "snat_address must replace masquerade"
  }
  assert {
    condition     = length(nftables_chain.prerouting.rule) == 0
    error_message = "without port_forwards there is no DNAT rule"
  }
}

run "refuses_a_port_forwarded_twice" {
  command = plan

  variables {
    port_forwards = [
      { port = 8080, to_address = "10.20.0.2" },
      { port = 8080, to_address = "10.20.0.3" },
    ]
  }

  expect_failures = [var.port_forwards]
}

run "refuses_fastpath_without_an_internal_interface" {
  command = plan

  variables {
    fastpath = true
  }

  expect_failures = [var.fastpath]
}
