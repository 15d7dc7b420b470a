output "blocklist_elements" {
  description = "How many elements the host's blocklist set holds (after nft merged overlapping prefixes)."
  value       = nftables_set.blocklist.elements_count
}

output "blocklist_last_change" {
  description = "What the last apply changed, e.g. `+1,204 / −37 elements (...)`."
  value       = nftables_set.blocklist.elements_change
}
