# table inet office on 10.0.0.5, written by nftkeeper import-config.
# Next: terraform plan -generate-config-out=generated.tf, review generated.tf, terraform apply.
#
# Reviewed: the literal host of each id ("10.0.0.5/inet/office") became "${var.host}", so this directory adopts
# the table on whichever host var.host names. Otherwise unchanged. Remove this file after the apply that adopts
# the table (the import blocks are then no-ops).

import {
  to = nftables_table.inet_office
  id = "${var.host}/inet/office"
}

import {
  to = nftables_chain.inet_office_admin_in
  id = "${var.host}/inet/office/admin_in"
}

import {
  to = nftables_chain.inet_office_input
  id = "${var.host}/inet/office/input"
}

import {
  to = nftables_set.inet_office_admins
  id = "${var.host}/inet/office/admins"
}

import {
  to = nftables_counter.inet_office_ssh_accepted
  id = "${var.host}/inet/office/ssh_accepted"
}
