variable "host" {
  description = "Host to manage, as the provider reaches it. null means the provider's `host`."
  type        = string
  default     = null
}

variable "table_name" {
  description = "Name of the inet table this module owns on the host."
  type        = string
  default     = "nat_gateway"

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_.-]{0,254}$", var.table_name))
    error_message = "table_name must be an nft identifier: a letter or _ first, then letters, digits, _ . or -."
  }
}

variable "external_interface" {
  description = "Interface facing the outside (upstream) network."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{1,15}$", var.external_interface))
    error_message = "external_interface must be an interface name: 1 to 15 letters, digits, _ . or -."
  }
}

variable "internal_interface" {
  description = "Interface facing the internal networks; null accepts internal_cidrs from any interface."
  type        = string
  default     = null

  validation {
    condition     = var.internal_interface == null || can(regex("^[A-Za-z0-9_.-]{1,15}$", var.internal_interface))
    error_message = "internal_interface must be an interface name: 1 to 15 letters, digits, _ . or -."
  }
}

variable "internal_cidrs" {
  description = "IPv4 networks behind the gateway whose traffic is forwarded out and source-NATed."
  type        = list(string)

  validation {
    condition     = length(var.internal_cidrs) > 0 && alltrue([for c in var.internal_cidrs : can(cidrnetmask(c))])
    error_message = "internal_cidrs must list at least one IPv4 CIDR, e.g. 10.0.0.0/24."
  }
}

variable "snat_address" {
  description = "Fixed public IPv4 address to source-NAT to; null masquerades (uses the external interface's address)."
  type        = string
  default     = null

  validation {
    condition     = var.snat_address == null || can(cidrnetmask("${var.snat_address}/32"))
    error_message = "snat_address must be an IPv4 address."
  }
}

variable "port_forwards" {
  description = "Ports on the external interface forwarded (DNAT) to internal hosts."
  type = list(object({
    protocol   = optional(string, "tcp")
    port       = number
    to_address = string
    to_port    = optional(number)
  }))
  default = []

  validation {
    condition     = alltrue([for f in var.port_forwards : contains(["tcp", "udp"], f.protocol)])
    error_message = "port_forwards protocol must be tcp or udp."
  }
  validation {
    condition     = alltrue([for f in var.port_forwards : f.port == floor(f.port) && f.port >= 1 && f.port <= 65535 && (f.to_port == null || (try(f.to_port == floor(f.to_port) && f.to_port >= 1 && f.to_port <= 65535, false)))])
    error_message = "port_forwards port and to_port must be whole numbers from 1 to 65535."
  }
  validation {
    condition     = alltrue([for f in var.port_forwards : can(cidrnetmask("${f.to_address}/32"))])
    error_message = "port_forwards to_address must be an IPv4 address."
  }
  validation {
    condition     = length(distinct([for f in var.port_forwards : "${f.protocol}/${f.port}"])) == length(var.port_forwards)
    error_message = "Each protocol and port may be forwarded only once."
  }
}

variable "forward_policy" {
  description = "Policy of the forward chain: `drop` (default: only internal-to-outside, replies and port forwards pass) or `accept`."
  type        = string
  default     = "drop"

  validation {
    condition     = contains(["accept", "drop"], var.forward_policy)
    error_message = "forward_policy must be accept or drop."
  }
}

variable "forward_rules" {
  description = "More forward rules in nft syntax, after the built-in ones."
  type = list(object({
    expr    = string
    comment = optional(string)
  }))
  default = []

  validation {
    condition     = alltrue([for r in var.forward_rules : !can(regex("[;#\n]", r.expr))])
    error_message = "A forward rule's expr is one nft rule: no ;, # or line breaks."
  }
}

variable "fastpath" {
  description = "Offload established forwarded TCP and UDP flows between external_interface and internal_interface to a flowtable, so their packets skip the forward chain. Needs internal_interface, both interfaces present, and a kernel with flowtable support."
  type        = bool
  default     = false

  validation {
    condition     = !var.fastpath || var.internal_interface != null
    error_message = "fastpath needs internal_interface: the flowtable's devices are the external and internal interfaces."
  }
}
