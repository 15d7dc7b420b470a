variable "host" {
  description = "Host to manage, as the provider reaches it. null means the provider's `host`."
  type        = string
  default     = null
}

variable "table_name" {
  description = "Name of the inet table this module owns on the host."
  type        = string
  default     = "host_baseline"

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_.-]{0,254}$", var.table_name))
    error_message = "table_name must be an nft identifier: a letter or _ first, then letters, digits, _ . or -."
  }
}

variable "admin_cidrs" {
  description = "Networks (IPv4 and/or IPv6 CIDRs or addresses) that may always log in over SSH. Include the address Terraform connects from, or the next plan cannot reach the host."
  type        = list(string)

  validation {
    condition     = length(var.admin_cidrs) > 0
    error_message = "admin_cidrs must not be empty: with an input policy of drop, nobody could log in over SSH."
  }
  validation {
    condition     = alltrue([for c in var.admin_cidrs : can(cidrhost(strcontains(c, "/") ? c : (strcontains(c, ":") ? "${c}/128" : "${c}/32"), 0))])
    error_message = "Every admin_cidrs entry must be an IPv4 or IPv6 address or CIDR, e.g. 10.0.0.0/8 or 2001:db8::/32."
  }
}

variable "ssh_port" {
  description = "TCP port sshd listens on."
  type        = number
  default     = 22

  validation {
    condition     = var.ssh_port == floor(var.ssh_port) && var.ssh_port >= 1 && var.ssh_port <= 65535
    error_message = "ssh_port must be a whole number from 1 to 65535."
  }
}

variable "icmp_rate" {
  description = "Rate limit for ping requests and ICMP/ICMPv6 error messages, in nft syntax (`<n>/second|minute|hour|day`). Neighbour discovery is never limited."
  type        = string
  default     = "10/second"

  validation {
    condition     = can(regex("^[1-9][0-9]*/(second|minute|hour|day)$", var.icmp_rate))
    error_message = "icmp_rate must look like 10/second (a positive number, then /second, /minute, /hour or /day)."
  }
}

variable "allowed_tcp_ports" {
  description = "TCP ports open to everyone."
  type        = list(number)
  default     = []

  validation {
    condition     = alltrue([for p in var.allowed_tcp_ports : p == floor(p) && p >= 1 && p <= 65535])
    error_message = "allowed_tcp_ports must be whole numbers from 1 to 65535."
  }
}

variable "allowed_udp_ports" {
  description = "UDP ports open to everyone."
  type        = list(number)
  default     = []

  validation {
    condition     = alltrue([for p in var.allowed_udp_ports : p == floor(p) && p >= 1 && p <= 65535])
    error_message = "allowed_udp_ports must be whole numbers from 1 to 65535."
  }
}

variable "service_rules" {
  description = "More input rules in nft syntax, accepted after the built-in ones and before logging; e.g. the `baseline_rules` output of the web-server or kubernetes-node module. They come after the admin SSH rule, so they cannot lock SSH out."
  type = list(object({
    expr    = string
    comment = optional(string)
  }))
  default = []

  validation {
    condition     = alltrue([for r in var.service_rules : !can(regex("[;#\n]", r.expr))])
    error_message = "A service rule's expr is one nft rule: no ;, # or line breaks."
  }
}

variable "log_drops" {
  description = "Log packets the input policy is about to drop, rate limited by `log_rate`."
  type        = bool
  default     = false
}

variable "log_rate" {
  description = "How many dropped packets may be logged, in nft syntax (`<n>/second|minute|hour|day`)."
  type        = string
  default     = "5/minute"

  validation {
    condition     = can(regex("^[1-9][0-9]*/(second|minute|hour|day)$", var.log_rate))
    error_message = "log_rate must look like 5/minute (a positive number, then /second, /minute, /hour or /day)."
  }
}

variable "log_prefix" {
  description = "Prefix of the kernel log lines for dropped packets."
  type        = string
  default     = "nftkeeper drop: "

  validation {
    condition     = can(regex("^[A-Za-z0-9 _.:=-]{1,64}$", var.log_prefix))
    error_message = "log_prefix must be 1 to 64 characters of letters, digits, space and _ . : = -."
  }
}

variable "output_policy" {
  description = "Policy of the output chain: `accept` (default) or `drop`. With `drop`, only loopback, replies to accepted connections and `output_rules` may leave."
  type        = string
  default     = "accept"

  validation {
    condition     = contains(["accept", "drop"], var.output_policy)
    error_message = "output_policy must be accept or drop."
  }
}

variable "output_rules" {
  description = "Output rules in nft syntax, after loopback and established/related (e.g. `udp dport 53 accept` when `output_policy` is drop)."
  type = list(object({
    expr    = string
    comment = optional(string)
  }))
  default = []

  validation {
    condition     = alltrue([for r in var.output_rules : !can(regex("[;#\n]", r.expr))])
    error_message = "An output rule's expr is one nft rule: no ;, # or line breaks."
  }
}
