variable "private_key_file" {
  description = "SSH key that logs in as root on every host."
  type        = string
  default     = "~/.ssh/dev_ed25519"
}

variable "known_hosts_file" {
  description = "known_hosts listing every host's key."
  type        = string
  default     = "~/.ssh/known_hosts"
}

variable "admin_cidrs" {
  description = "Where admins (and Terraform) log in from over SSH."
  type        = list(string)
  default     = ["10.10.0.0/16"]
}

variable "web_hosts" {
  description = "Hosts serving HTTP/HTTPS."
  type        = list(string)
  default     = ["10.10.1.11", "10.10.1.12"]
}

variable "gateway_hosts" {
  description = "Hosts routing the internal networks out (NAT)."
  type        = list(string)
  default     = ["10.10.0.1"]
}

variable "kubernetes_nodes" {
  description = "Kubernetes nodes (kube-proxy in nftables mode)."
  type        = list(string)
  default     = []
}
