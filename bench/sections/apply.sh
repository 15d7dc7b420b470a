# Section of bench/run: creating a firewall on 1 host -- table inet fw, 5 chains (3 base, 2 regular) of 10 rules,
# 3 sets (addresses to allow, addresses to block, ports) -- with `terraform apply`, against
#   the floor: `ssh host nft -f -` of the same ruleset (what an operator without nftkeeper would run), and
#   terraform's own share: `terraform apply` of the same graph of terraform_data resources, with the same element
#   lists, so terraform does the same list work for them.
# The provider-attributable part is the nftables apply minus the terraform_data apply. Each run starts from an
# empty host (destroy / delete table between runs, not timed).
#
# Issue 15's target for it is the sum of both: at most 3x (the same graph in terraform_data + `ssh host nft -f`).
# FW_ELEMENTS (default 10000, the issue's size) is the sets' element count together (bench/firewall.sh).
FW_ELEMENTS=${FW_ELEMENTS:-10000}
source "$REPO_ROOT/bench/firewall.sh"
FW_TABLE=fw; unset FW_WEB_PORT
fw_configure "$FW_ELEMENTS"
fw_workdirs apply
fw_nft >"$WORK/fw.nft"
[ "$(grep -c '^add rule' "$WORK/fw.nft")" -eq 50 ] || die "fw.nft should hold 50 rules"
host_ssh 0 true || die "cannot ssh to the first sandbox host with the operator key"

# Warm-up, not timed: uploads the agent jar to the host (once per host and agent version in real use) and checks
# that the firewall just applied plans empty, else the figures would include a perpetual diff.
tf "$WORK/apply-nft" apply -auto-approve >"$LOG_DIR/apply-nft-warmup.log" 2>&1 \
  || die "terraform apply of the firewall failed; see $LOG_DIR/apply-nft-warmup.log"
tf "$WORK/apply-nft" plan -detailed-exitcode >"$LOG_DIR/apply-nft-replan.log" 2>&1 \
  || die "the plan right after applying the firewall is not empty; see $LOG_DIR/apply-nft-replan.log"
tf "$WORK/apply-nft" destroy -auto-approve >>"$LOG_DIR/apply-nft-destroy.log" 2>&1 \
  || die "terraform destroy of the firewall failed; see $LOG_DIR/apply-nft-destroy.log"

apply_tf=(); apply_ssh=(); apply_data=(); apply_loads=()
for i in $(seq "$RUNS"); do
  apply_loads+=("$(load1)")
  apply_tf+=("$(timed "apply-nft-$i" tf "$WORK/apply-nft" apply -auto-approve)")
  tf "$WORK/apply-nft" destroy -auto-approve >>"$LOG_DIR/apply-nft-destroy.log" 2>&1 \
    || die "terraform destroy of the firewall failed; see $LOG_DIR/apply-nft-destroy.log"
  apply_ssh+=("$(timed "apply-ssh-$i" host_ssh 0 nft -f - <"$WORK/fw.nft")")
  host_ssh 0 nft delete table inet fw
  apply_data+=("$(timed "apply-data-$i" tf "$WORK/apply-data" apply -auto-approve)")
  tf "$WORK/apply-data" destroy -auto-approve >>"$LOG_DIR/apply-data-destroy.log" 2>&1
  echo "apply run $i: terraform+nftkeeper ${apply_tf[-1]} ms, ssh nft -f ${apply_ssh[-1]} ms," \
    "terraform_data ${apply_data[-1]} ms" >&2
done
m_tf=$(printf '%s\n' "${apply_tf[@]}" | median)
m_ssh=$(printf '%s\n' "${apply_ssh[@]}" | median)
m_data=$(printf '%s\n' "${apply_data[@]}" | median)
apply_load=$(printf '%s\n' "${apply_loads[@]}" | mean)
attributable=$(minus "$m_tf" "$m_data")

add_row "apply firewall: 50 rules, 5 chains, 3 sets / $FW_ELEMENTS elements, 1 host" "$m_tf" ms "ssh host nft -f (same ruleset)" \
  "$m_ssh" "$(ratio "$m_tf" "$m_ssh")" "<= 3x total wall" "$(verdict "$(ratio "$m_tf" "$m_ssh")" "<=" 3)" "$RUNS" \
  "$apply_load" "whole terraform apply: start, plan, SSH, agent start, 9 transactions, read-back"
add_row "apply firewall: provider-attributable part" "$attributable" ms "ssh host nft -f (same ruleset)" "$m_ssh" \
  "$(ratio "$attributable" "$m_ssh")" "" "" "$RUNS" "$apply_load" \
  "terraform apply minus the same graph in terraform_data (median $m_data ms = terraform's own share)"
floor=$(awk -v d="$m_data" -v s="$m_ssh" 'BEGIN {print d + s}')
add_row "apply firewall ($FW_ELEMENTS elements) against terraform_data + ssh host nft -f (issue 15)" "$m_tf" ms \
  "same graph in terraform_data + ssh host nft -f" "$floor" "$(ratio "$m_tf" "$floor")" "<= 3x" \
  "$(verdict "$(ratio "$m_tf" "$floor")" "<=" 3)" "$RUNS" "$apply_load" "sum of the two medians: $m_data + $m_ssh ms"
