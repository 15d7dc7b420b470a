# Every table on the host, including those nftkeeper does not manage (kube-proxy, docker, firewalld).
data "nftables_ruleset" "web1" {
  host = "10.0.0.5"
}

# Tables nobody adopted yet: candidates for `nftkeeper import-config`.
output "unmanaged_tables" {
  value = [for t in data.nftables_ruleset.web1.tables : "${t.family}/${t.name}" if !t.managed]
}

# Only the ip family.
data "nftables_ruleset" "web1_ip" {
  host   = "10.0.0.5"
  family = "ip"
}
