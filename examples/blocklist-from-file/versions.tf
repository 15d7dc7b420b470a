terraform {
  required_version = ">= 1.5"
  required_providers {
    nftables = {
      source  = "nftkeeper/nftables"
      version = "~> 0.1"
    }
  }
}
