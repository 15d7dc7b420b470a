# Runs against a real host: pass -var host=..., -var private_key_file=..., -var host_key=... and
# -var 'admin_cidrs=[...]' (the acceptance tests pass a sandbox host). Terraform must connect from an address in
# admin_cidrs: each run starts the provider again, so the second run logs in through the policy-drop chain the
# first one applied.

provider "nftables" {
  host        = var.host
  private_key = file(var.private_key_file)
  host_key    = var.host_key
}

run "drops_by_default_and_admits_admin_ssh_first" {
  command = apply

  variables {
    table_name        = "baseline_test"
    allowed_tcp_ports = [80, 443]
    log_drops         = true
  }

  assert {
    condition     = nftables_chain.input.policy == "drop"
    error_message = "the input chain must drop what no rule accepts"
  }
  assert {
    condition     = output.table_id == "${var.host}/inet/baseline_test"
    error_message = "table_id must name the host, family and table"
  }
  assert {
    condition     = [for r in nftables_chain.input.rule : r.expr][2] == "ip saddr @admin_v4 tcp dport 22 accept"
    error_message = "admin SSH must be the third rule, ahead of every rule that can drop"
  }
  assert {
    condition     = length([for i, r in nftables_chain.input.rule : i if can(regex("(drop|reject|log)", r.expr)) && i < 3]) == 0
    error_message = "no rule before the admin SSH rule may drop, reject or log"
  }
  assert {
    condition     = nftables_chain.input.rule[length(nftables_chain.input.rule) - 1].expr == "limit rate 5/minute log prefix \"nftkeeper drop: \""
    error_message = "with log_drops the last rule logs, rate limited"
  }
  assert {
    condition     = alltrue([for r in nftables_chain.input.rule : r.canonical != ""])
    error_message = "every rule must have been listed back by the host"
  }
  assert {
    condition     = toset(nftables_set.admin_v4.elements) == toset([for c in var.admin_cidrs : c if !strcontains(c, ":")])
    error_message = "the IPv4 admin set must hold exactly the IPv4 admin_cidrs"
  }
}

run "a_second_run_logs_in_again_through_the_applied_firewall" {
  command = apply

  variables {
    table_name    = "baseline_test"
    ssh_port      = 22
    output_policy = "drop"
    output_rules  = [{ expr = "udp dport 53 accept", comment = "dns" }]
  }

  assert {
    condition     = nftables_chain.output.policy == "drop"
    error_message = "output_policy drop must reach the output chain"
  }
  assert {
    condition     = [for r in nftables_chain.output.rule : r.expr] == ["oifname \"lo\" accept", "ct state established,related accept", "udp dport 53 accept"]
    error_message = "with output policy drop, loopback and replies come before output_rules"
  }
  assert {
    condition     = !contains([for r in nftables_chain.input.rule : r.comment], "log before the policy drops")
    error_message = "log_drops defaults to false"
  }
}

run "refuses_an_empty_admin_set" {
  command = plan

  variables {
    admin_cidrs = []
  }

  expect_failures = [var.admin_cidrs]
}
