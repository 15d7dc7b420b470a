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

variable "ssh_allowed" {
  description = "IPv4 addresses or prefixes that may open SSH connections. Include the one Terraform connects from."
  type        = list(string)
}
