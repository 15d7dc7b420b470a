variable "host" {
  description = "Host to manage, as the provider reaches it. null means the provider's `host`."
  type        = string
  default     = null
}

variable "table_name" {
  description = "Name of the inet table this module owns on the host. Never `kube-proxy`: that table belongs to kube-proxy."
  type        = string
  default     = "kubernetes_node"

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_.-]{0,254}$", var.table_name)) && var.table_name != "kube-proxy"
    error_message = "table_name must be an nft identifier (a letter or _ first, then letters, digits, _ . or -) other than kube-proxy."
  }
}

variable "node_cidrs" {
  description = "Networks (IPv4 and/or IPv6) of the cluster's nodes: only they may send to the CNI overlay ports."
  type        = list(string)

  validation {
    condition     = length(var.node_cidrs) > 0 && alltrue([for c in var.node_cidrs : can(cidrhost(c, 0))])
    error_message = "node_cidrs must list at least one IPv4 or IPv6 CIDR, e.g. 10.0.0.0/16."
  }
}

variable "kubelet_port" {
  description = "TCP port of the kubelet API."
  type        = number
  default     = 10250

  validation {
    condition     = var.kubelet_port == floor(var.kubelet_port) && var.kubelet_port >= 1 && var.kubelet_port <= 65535
    error_message = "kubelet_port must be a whole number from 1 to 65535."
  }
}

variable "kubelet_cidrs" {
  description = "Networks that may reach the kubelet API (control plane, metrics scrapers). null allows every source."
  type        = list(string)
  default     = null

  validation {
    condition     = var.kubelet_cidrs == null || alltrue([for c in coalesce(var.kubelet_cidrs, []) : can(cidrhost(c, 0))])
    error_message = "kubelet_cidrs must be IPv4 or IPv6 CIDRs, e.g. 10.0.0.0/24."
  }
}

variable "nodeport_range" {
  description = "The cluster's Service NodePort range (kube-apiserver --service-node-port-range)."
  type = object({
    from = number
    to   = number
  })
  default = { from = 30000, to = 32767 }

  validation {
    condition     = var.nodeport_range.from >= 1 && var.nodeport_range.to <= 65535 && var.nodeport_range.from <= var.nodeport_range.to
    error_message = "nodeport_range must satisfy 1 <= from <= to <= 65535."
  }
}

variable "overlay_udp_ports" {
  description = "UDP ports of the CNI overlay: 8472 (VXLAN, flannel and Cilium), 6081 (Geneve, Cilium and OVN), 4789 (VXLAN, Calico), 51820/51821 (WireGuard, Calico and flannel)."
  type        = list(number)
  default     = [8472]

  validation {
    condition     = length(var.overlay_udp_ports) > 0 && alltrue([for p in var.overlay_udp_ports : p == floor(p) && p >= 1 && p <= 65535])
    error_message = "overlay_udp_ports must list at least one whole number from 1 to 65535."
  }
}

variable "pod_cidrs" {
  description = "Pod networks: packets from pods to the node itself (hostNetwork services, node-local DNS) are admitted."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.pod_cidrs : can(cidrhost(c, 0))])
    error_message = "pod_cidrs must be IPv4 or IPv6 CIDRs, e.g. 10.244.0.0/16."
  }
}

variable "priority" {
  description = "Priority of the module's input chain; it must run before the chain that accepts (host-baseline's runs at `filter`)."
  type        = string
  default     = "filter - 10"

  validation {
    condition     = can(regex("^(-?[0-9]+|(raw|mangle|dstnat|filter|security|srcnat)( [+-] [0-9]+)?)$", var.priority))
    error_message = "priority must be a number or a standard priority name with an optional offset, e.g. \"filter - 10\"."
  }
}
