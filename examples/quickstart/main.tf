# The smallest nftkeeper configuration: one host, one table.
# scripts/quickstart fills in the variables for a sandbox host; point them at your own host to try it for real.

terraform {
  required_version = ">= 1.5"
  required_providers {
    nftables = {
      source  = "nftkeeper/nftables"
      version = "~> 0.1"
    }
  }
}

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

provider "nftables" {
  host        = var.host
  user        = "root"
  private_key = file(var.private_key_file)
  host_key    = var.host_key
}

resource "nftables_table" "quickstart" {
  family = "inet"
  name   = "quickstart"
}

output "table_id" {
  value = nftables_table.quickstart.id
}
