#!/bin/sh
# Drift job with nothing but Terraform: a refresh-only plan changes nothing and exits
#   0 = no drift, 2 = something changed outside Terraform, 1 = error.
# Run it from the Terraform working directory (cron, systemd timer or CI); see docs/guides/drift.md.
set -u
terraform plan -refresh-only -detailed-exitcode -input=false -lock=false -no-color >plan.txt 2>&1
status=$?
case $status in
  0) echo "no drift" ;;
  2) echo "DRIFT: resources changed outside Terraform:"; sed -n '/changed outside of Terraform/,$p' plan.txt ;;
  *) echo "drift check failed (exit $status):"; cat plan.txt ;;
esac
exit $status
