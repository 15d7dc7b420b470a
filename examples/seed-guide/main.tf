# The nftables guide of guide.nft, command by command, as Terraform resources. README.md shows each section of the
# guide next to its HCL. Applying this to an empty host gives exactly the ruleset that typing guide.nft gives
# (SeedGuideIT checks that against a real kernel).

provider "nftables" {
  host        = var.host
  user        = "root"
  private_key = file(var.private_key_file)
  host_key    = var.host_key
}

# 1. Tables

resource "nftables_table" "filter" {
  family = "inet"
  name   = "filter"
}

resource "nftables_table" "nat" {
  family = "ip"
  name   = "nat"
}

# 2. Named stateful objects. Rules name them through references ("${nftables_counter.ssh_hits.name}"), so Terraform
# creates them before the chains and destroys them after.

resource "nftables_counter" "ssh_hits" {
  table_id = nftables_table.filter.id
  name     = "ssh_hits"
}

resource "nftables_counter" "web_hits" {
  table_id = nftables_table.filter.id
  name     = "web_hits"
}

resource "nftables_quota" "guest_traffic" {
  table_id = nftables_table.filter.id
  name     = "guest_traffic"
  bytes    = 500 * 1024 * 1024 # nft: over 500 mbytes
  over     = true
}

resource "nftables_limit" "icmp_rate" {
  table_id = nftables_table.filter.id
  name     = "icmp_rate"
  rate     = "10/second"
}

# 3. Sets

resource "nftables_set" "allowed_flows" {
  table_id = nftables_table.filter.id
  name     = "allowed_flows"
  type     = "ipv4_addr . ipv4_addr . inet_proto"
  elements = ["10.213.10.1 . 10.213.20.1 . tcp", "10.213.10.1 . 10.213.20.2 . udp"]
}

resource "nftables_set" "lab_networks" {
  table_id = nftables_table.filter.id
  name     = "lab_networks"
  type     = "ipv4_addr"
  flags    = ["interval"]
  elements = ["10.213.10.0/24", "10.213.20.0/24", "10.213.30.1-10.213.30.9"]
}

# constant: while rules use the set, the kernel refuses to change its elements
resource "nftables_set" "blackhole" {
  table_id = nftables_table.filter.id
  name     = "blackhole"
  type     = "ipv4_addr"
  flags    = ["constant", "interval"]
  elements = ["10.213.240.0/24", "10.213.241.7"]
}

# 4. Regular chains (no type, hook or priority): reached by jump or goto

resource "nftables_chain" "web_in" {
  table_id = nftables_table.filter.id
  name     = "web_in"

  rule {
    expr = "ip saddr @${nftables_set.blackhole.name} drop"
  }
  rule {
    expr = "ip saddr != @${nftables_set.lab_networks.name} return"
  }
  rule {
    expr = "counter name \"${nftables_counter.web_hits.name}\" accept"
  }
}

resource "nftables_chain" "guest_fwd" {
  table_id = nftables_table.filter.id
  name     = "guest_fwd"

  rule {
    expr = "quota name \"${nftables_quota.guest_traffic.name}\" drop"
  }
  rule {
    expr = "accept"
  }
}

# 5. A verdict map: the destination port picks the chain

resource "nftables_map" "port_verdicts" {
  table_id   = nftables_table.filter.id
  name       = "port_verdicts"
  type       = "inet_service"
  value_type = "verdict"
  elements = {
    "8080" = "jump ${nftables_chain.web_in.name}"
    "8443" = "goto ${nftables_chain.web_in.name}"
  }
}

# 6. Base chains of the filter table. SSH (tcp/22) is accepted before anything that drops or rejects.

resource "nftables_chain" "input" {
  table_id = nftables_table.filter.id
  name     = "input"
  type     = "filter"
  hook     = "input"
  priority = "0"
  policy   = "accept"

  rule {
    expr = "ct state established,related accept"
  }
  rule {
    expr = "iifname \"lo\" accept"
  }
  rule {
    expr = "tcp dport 22 counter name \"${nftables_counter.ssh_hits.name}\" accept"
  }
  rule {
    expr = "ct state invalid drop"
  }
  rule {
    expr = "icmp type echo-request limit name \"${nftables_limit.icmp_rate.name}\" accept"
  }
  rule {
    expr = "icmp type echo-request limit rate 10/second accept"
  }
  rule {
    expr = "tcp dport vmap @${nftables_map.port_verdicts.name}"
  }
  rule {
    expr = "tcp dport 23 log prefix \"telnet attempt: \" level info drop"
  }
  rule {
    expr = "udp dport 5000-5999 reject with icmp type port-unreachable"
  }
}

resource "nftables_chain" "forward" {
  table_id = nftables_table.filter.id
  name     = "forward"
  type     = "filter"
  hook     = "forward"
  priority = "filter"
  policy   = "drop"

  rule {
    expr = "ct state established,related accept"
  }
  rule {
    expr = "ip saddr . ip daddr . ip protocol @${nftables_set.allowed_flows.name} accept"
  }
  rule {
    expr = "iifname \"guest0\" goto ${nftables_chain.guest_fwd.name}"
  }
  rule {
    expr = "ip saddr @${nftables_set.blackhole.name} drop"
  }
  rule {
    expr = "quota over 500 mbytes drop"
  }
}

resource "nftables_chain" "output" {
  table_id = nftables_table.filter.id
  name     = "output"
  type     = "filter"
  hook     = "output"
  priority = "filter"
  policy   = "accept"

  rule {
    expr = "ip daddr @${nftables_set.blackhole.name} reject with icmp type port-unreachable"
  }
}

# 7. Tracing: priority -301 runs before conntrack (raw is -300); `nft monitor trace` shows the marked packets

resource "nftables_chain" "trace" {
  table_id = nftables_table.filter.id
  name     = "trace"
  type     = "filter"
  hook     = "prerouting"
  priority = "-301"

  rule {
    expr = "tcp dport 8080 meta nftrace set 1"
  }
}

# 8. NAT

resource "nftables_map" "ports" {
  table_id   = nftables_table.nat.id
  name       = "ports"
  type       = "inet_service"
  value_type = "ipv4_addr . inet_service"
  elements = {
    "8080" = "10.213.10.80 . 80"
    "8443" = "10.213.10.80 . 443"
  }
}

resource "nftables_chain" "nat_prerouting" {
  table_id = nftables_table.nat.id
  name     = "prerouting"
  type     = "nat"
  hook     = "prerouting"
  priority = "dstnat"
  policy   = "accept"

  rule {
    expr = "iifname \"wan0\" dnat to tcp dport map @${nftables_map.ports.name}"
  }
  rule {
    expr = "tcp dport 8022 redirect to :2222"
  }
}

resource "nftables_chain" "nat_postrouting" {
  table_id = nftables_table.nat.id
  name     = "postrouting"
  type     = "nat"
  hook     = "postrouting"
  priority = "srcnat"
  policy   = "accept"

  rule {
    expr = "oifname \"wan0\" ip saddr 10.213.10.0/24 snat to 10.213.0.1"
  }
  rule {
    expr = "oifname \"wan1\" masquerade"
  }
}
