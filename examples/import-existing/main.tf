# Step 3 of README.md starts from this file and imports.tf alone; office.tf is what
# `terraform plan -generate-config-out=generated.tf` then wrote, after review.

provider "nftables" {
  host        = var.host
  user        = "root"
  private_key = file(var.private_key_file)
  host_key    = var.host_key
}
