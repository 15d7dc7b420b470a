# Runs against a real host: pass -var-file with host, private_key_file and host_key (the acceptance tests write one
# for a sandbox host that also holds kube-proxy's tables, and check they stay byte for byte the same).

provider "nftables" {
  host        = var.host
  private_key = file(var.private_key_file)
  host_key    = var.host_key
}

variables {
  table_name = "node_test"
  node_cidrs = ["10.0.0.0/16", "fd00:10::/64"]
}

run "admits_kubelet_nodeports_and_overlay_from_nodes" {
  command = apply

  variables {
    overlay_udp_ports = [8472, 51820, 51821]
    kubelet_cidrs     = ["10.0.0.0/24"]
    pod_cidrs         = ["10.244.0.0/16"]
  }

  assert {
    condition     = nftables_chain.input.rule[0].expr == "udp dport { 8472, 51820, 51821 } ip saddr != @nodes_v4 drop"
    error_message = "overlay packets from outside node_cidrs must be dropped"
  }
  assert {
    condition     = length(nftables_chain.input.rule) == 4 && toset(nftables_set.kubelet_v4.elements) == toset(["10.0.0.0/24"])
    error_message = "kubelet_cidrs must restrict the kubelet API"
  }
  assert {
    condition     = toset(nftables_set.nodes_v6.elements) == toset(["fd00:10::/64"])
    error_message = "IPv6 node networks must land in the IPv6 set"
  }
  assert {
    condition = [for r in output.baseline_rules : r.expr] == [
      "tcp dport 10250 accept",
      "meta l4proto { tcp, udp } th dport 30000-32767 accept",
      "udp dport { 8472, 51820, 51821 } accept",
      "ip saddr { 10.244.0.0/16 } accept",
    ]
    error_message = "baseline_rules must admit kubelet, NodePorts, overlay and pods"
  }
  assert {
    condition     = output.table_id == "${var.host}/inet/node_test"
    error_message = "the module must work in its own table"
  }
}

run "kubelet_open_to_all_by_default" {
  command = apply

  variables {
    nodeport_range = { from = 30000, to = 30100 }
  }

  assert {
    condition     = length(nftables_chain.input.rule) == 2
    error_message = "without kubelet_cidrs only the overlay is guarded"
  }
  assert {
    condition     = output.nodeport_range == "30000-30100"
    error_message = "nodeport_range must follow the variable"
  }
}

run "refuses_kube_proxys_table_name" {
  command = plan

  variables {
    table_name = "kube-proxy"
  }

  expect_failures = [var.table_name]
}
