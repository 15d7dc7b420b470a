# Section of bench/run: creating a firewall on 1 host -- table inet fw, 5 chains (3 base, 2 regular) of 10 rules,
# 3 sets (addresses to allow, addresses to block, ports) -- with `terraform apply`, against
#   the floor: `ssh host nft -f -` of the same ruleset (what an operator without nftkeeper would run), and
#   terraform's own share: `terraform apply` of the same graph of terraform_data resources, with the same element
#   lists, so terraform does the same list work for them.
# The provider-attributable part is the nftables apply minus the terraform_data apply. Each run starts from an
# empty host (destroy / delete table between runs, not timed).
#
# FW_ELEMENTS (default 10000, the issue's size) is the sets' element count together, split 50/40/10 %. Set
# `elements` is a list attribute: as a set, Terraform's apply-time check was O(n^2) (minutes at 10k, BENCHMARKS.md).
FW_ELEMENTS=${FW_ELEMENTS:-10000}
fw_allow=$((FW_ELEMENTS * 5 / 10)); fw_block=$((FW_ELEMENTS * 4 / 10)); fw_svc=$((FW_ELEMENTS - fw_allow - fw_block))
[ "$fw_svc" -le 1000 ] || die "FW_ELEMENTS above 10000 would need more than 1000 ports in one set"

fw_chains=(input forward output web mgmt)
fw_hooks=(input forward output "" "")
fw_rule() {  # fw_rule CHAIN_INDEX RULE_INDEX
  case $2 in
    0) echo "ip saddr @block4 drop" ;;
    1) echo "ip saddr @allow4 tcp dport @svc accept" ;;
    *) echo "tcp dport $((3000 + $1 * 10 + $2)) accept" ;;
  esac
}
# terraform's range() stops at 1024 values: the address lists are built as blocks of 250 (10.1.<block>.<1..250>)
fw_addresses_hcl() { echo "slice(flatten([for a in range($(( ($2 + 249) / 250 ))) : [for b in range(250) : \"10.$1.\${a}.\${b + 1}\"]]), 0, $2)"; }
FW_ALLOW=$(fw_addresses_hcl 1 "$fw_allow")
FW_BLOCK=$(fw_addresses_hcl 2 "$fw_block")
FW_SVC="[for i in range($fw_svc) : tostring(20000 + i)]"

fw_nft() {
  echo "add table inet fw"
  echo "add set inet fw allow4 { type ipv4_addr; }"
  echo "add set inet fw block4 { type ipv4_addr; }"
  echo "add set inet fw svc { type inet_service; }"
  awk -v allow="$fw_allow" -v block="$fw_block" -v svc="$fw_svc" 'BEGIN {
    printf "add element inet fw allow4 { "; for (i = 0; i < allow; i++) printf "%s10.1.%d.%d", (i ? ", " : ""), int(i / 250), i % 250 + 1; print " }"
    printf "add element inet fw block4 { "; for (i = 0; i < block; i++) printf "%s10.2.%d.%d", (i ? ", " : ""), int(i / 250), i % 250 + 1; print " }"
    printf "add element inet fw svc { "; for (i = 0; i < svc; i++) printf "%s%d", (i ? ", " : ""), 20000 + i; print " }"}'
  local k j
  for k in "${!fw_chains[@]}"; do
    if [ -n "${fw_hooks[$k]}" ]; then
      echo "add chain inet fw ${fw_chains[$k]} { type filter hook ${fw_hooks[$k]} priority filter; policy accept; }"
    else
      echo "add chain inet fw ${fw_chains[$k]}"
    fi
    for j in $(seq 0 9); do echo "add rule inet fw ${fw_chains[$k]} $(fw_rule "$k" "$j")"; done
  done
}

fw_hcl() {  # fw_hcl nftables|terraform_data
  local kind=$1 k j
  if [ "$kind" = nftables ]; then
    provider_block
    cat <<HCL
resource "nftables_table" "fw" {
  host   = "$(host_address 0)"
  family = "inet"
  name   = "fw"
}
HCL
    for set in "allow4 ipv4_addr $FW_ALLOW" "block4 ipv4_addr $FW_BLOCK" "svc inet_service $FW_SVC"; do
      read -r name type elements <<<"$set"
      printf 'resource "nftables_set" "%s" {\n  table_id = nftables_table.fw.id\n  name     = "%s"\n  type     = "%s"\n  elements = %s\n}\n' \
        "$name" "$name" "$type" "$elements"
    done
    for k in "${!fw_chains[@]}"; do
      echo "resource \"nftables_chain\" \"${fw_chains[$k]}\" {"
      echo "  table_id   = nftables_table.fw.id"
      echo "  name       = \"${fw_chains[$k]}\""
      if [ -n "${fw_hooks[$k]}" ]; then
        printf '  type     = "filter"\n  hook     = "%s"\n  priority = "filter"\n  policy   = "accept"\n' "${fw_hooks[$k]}"
      fi
      echo "  depends_on = [nftables_set.allow4, nftables_set.block4, nftables_set.svc]"
      for j in $(seq 0 9); do printf '  rule {\n    expr = "%s"\n  }\n' "$(fw_rule "$k" "$j")"; done
      echo "}"
    done
  else
    echo 'resource "terraform_data" "fw" {'
    echo '  input = { host = "'"$(host_address 0)"'", family = "inet", name = "fw" }'
    echo '}'
    for set in "allow4 ipv4_addr $FW_ALLOW" "block4 ipv4_addr $FW_BLOCK" "svc inet_service $FW_SVC"; do
      read -r name type elements <<<"$set"
      printf 'resource "terraform_data" "%s" {\n  input = { table_id = terraform_data.fw.id, name = "%s", type = "%s", elements = %s }\n}\n' \
        "$name" "$name" "$type" "$elements"
    done
    for k in "${!fw_chains[@]}"; do
      echo "resource \"terraform_data\" \"${fw_chains[$k]}\" {"
      printf '  input = { table_id = terraform_data.fw.id, name = "%s", hook = "%s", rules = [\n' \
        "${fw_chains[$k]}" "${fw_hooks[$k]}"
      for j in $(seq 0 9); do printf '    "%s",\n' "$(fw_rule "$k" "$j")"; done
      echo "  ] }"
      echo "  depends_on = [terraform_data.allow4, terraform_data.block4, terraform_data.svc]"
      echo "}"
    done
  fi
}

mkdir -p "$WORK/apply-nft" "$WORK/apply-data"
fw_hcl nftables >"$WORK/apply-nft/main.tf"
fw_hcl terraform_data >"$WORK/apply-data/main.tf"
fw_nft >"$WORK/fw.nft"
tf_init "$WORK/apply-nft"
tf_init "$WORK/apply-data"
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
