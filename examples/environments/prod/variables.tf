variable "private_key_file" {
  description = "SSH key that logs in as root on every host."
  type        = string
  default     = "~/.ssh/prod_ed25519"
}

variable "known_hosts_file" {
  description = "known_hosts listing every host's key."
  type        = string
  default     = "~/.ssh/known_hosts"
}

variable "admin_cidrs" {
  description = "Where admins (and Terraform) log in from over SSH: the two bastions."
  type        = list(string)
  default     = ["10.30.0.10/32", "10.30.0.11/32"]
}

variable "web_hosts" {
  description = "Hosts serving HTTP/HTTPS."
  type        = list(string)
  default     = ["10.30.1.11", "10.30.1.12", "10.30.1.13", "10.30.1.14"]
}

variable "gateway_hosts" {
  description = "Hosts routing the internal networks out (NAT)."
  type        = list(string)
  default     = ["10.30.0.1", "10.30.0.2"]
}

variable "kubernetes_nodes" {
  description = "Kubernetes nodes (kube-proxy in nftables mode)."
  type        = list(string)
  default     = ["10.30.2.21", "10.30.2.22", "10.30.2.23"]
}
