terraform {
  required_version = ">= 1.6" # import blocks with a variable in `id`
  required_providers {
    nftables = {
      source  = "nftkeeper/nftables"
      version = "~> 0.1"
    }
  }
}
