variable "host" {
  description = "Host to manage, as the provider reaches it. null means the provider's `host`."
  type        = string
  default     = null
}

variable "table_name" {
  description = "Name of the inet table this module owns on the host."
  type        = string
  default     = "web_server"

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_.-]{0,254}$", var.table_name))
    error_message = "table_name must be an nft identifier: a letter or _ first, then letters, digits, _ . or -."
  }
}

variable "ports" {
  description = "TCP ports the web server listens on."
  type        = list(number)
  default     = [80, 443]

  validation {
    condition     = length(var.ports) > 0 && alltrue([for p in var.ports : p == floor(p) && p >= 1 && p <= 65535])
    error_message = "ports must list at least one whole number from 1 to 65535."
  }
}

variable "blocklist" {
  description = "Sources (IPv4 and/or IPv6 addresses or CIDRs) whose packets to the web ports are dropped."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.blocklist : can(cidrhost(strcontains(c, "/") ? c : (strcontains(c, ":") ? "${c}/128" : "${c}/32"), 0))])
    error_message = "Every blocklist entry must be an IPv4 or IPv6 address or CIDR, e.g. 192.0.2.0/24 or 2001:db8::1."
  }
}

variable "max_connections_per_source" {
  description = "Concurrent connections one source address may hold to the web ports; a new connection beyond it is refused with a TCP reset."
  type        = number
  default     = 100

  validation {
    condition     = var.max_connections_per_source == floor(var.max_connections_per_source) && var.max_connections_per_source >= 1 && var.max_connections_per_source <= 1000000
    error_message = "max_connections_per_source must be a whole number from 1 to 1000000."
  }
}

variable "tracked_sources" {
  description = "How many source addresses the connection counting sets hold per family (nft set size)."
  type        = number
  default     = 65535

  validation {
    condition     = var.tracked_sources == floor(var.tracked_sources) && var.tracked_sources >= 1 && var.tracked_sources <= 1048576
    error_message = "tracked_sources must be a whole number from 1 to 1048576."
  }
}

variable "priority" {
  description = "Priority of the module's input chain. It must run before the chain that accepts web traffic (host-baseline's runs at `filter`), so blocked and over-limit sources are dropped first."
  type        = string
  default     = "filter - 10"

  validation {
    condition     = can(regex("^(-?[0-9]+|(raw|mangle|dstnat|filter|security|srcnat)( [+-] [0-9]+)?)$", var.priority))
    error_message = "priority must be a number or a standard priority name with an optional offset, e.g. \"filter - 10\"."
  }
}
