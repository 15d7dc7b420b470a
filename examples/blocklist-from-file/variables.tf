variable "host" {
  description = "Address of the host to manage over SSH."
  type        = string
}

variable "private_key_file" {
  description = "Path of the SSH private key that logs in as root."
  type        = string
}

variable "host_key" {
  description = "The host's public SSH host key (as in known_hosts, without the host name), pinned."
  type        = string
}

variable "blocklist_file" {
  description = "The blocklist, one address, prefix or range per line (refresh-blocklist.sh downloads it here)."
  type        = string
  default     = "blocklist.txt"
}

variable "blocklist_sha256" {
  description = "SHA-256 the blocklist file must have (refresh-blocklist.sh passes the one it verified); null: not checked."
  type        = string
  default     = null
}
