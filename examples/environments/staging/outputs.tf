output "tables" {
  description = "The tables each host carries, by host."
  value = {
    for host, baseline in module.baseline : host => compact([
      baseline.table_id,
      try(module.web[host].table_id, ""),
      try(module.gateway[host].table_id, ""),
      try(module.kubernetes[host].table_id, ""),
    ])
  }
}
