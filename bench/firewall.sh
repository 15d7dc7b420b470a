# The bench's one-host firewall, shared by the sections that measure it (apply, resident-plan, resident-change,
# resident-first, resident-memory): table inet fw on the first sandbox host, 5 chains (3 base, 2 regular) of 10
# rules, 3 sets (addresses to allow, addresses to block, ports). Source it from a section; do not run it.
#
#   fw_configure ELEMENTS   the sets' element count together, split 50/40/10 %
#   fw_nft [TABLE]          the same ruleset as `nft -f` input (table fw, or another name for a look-alike copy)
#   fw_hcl nftables|terraform_data   the same graph as nftables_* resources or as terraform_data resources, with
#                           the same element lists, so terraform does the same list work for both
#   fw_workdirs NAME        writes and initialises $WORK/NAME-nft and $WORK/NAME-data from the two fw_hcl forms
#   fw_resident_setup NAME  the resident-* sections' firewall (table rfw, RESIDENT_ELEMENTS elements, default 100
#                           as in issue 15's first example), created once per run in both forms, then one no-op
#                           plan that warms the agent (log resident-NAME-warmup); none of it timed. Sets
#                           RESIDENT_STATE: whether an agent was left running after that plan
# FW_TABLE names the table (fw otherwise). FW_WEB_PORT, when set, is the port of the third rule of chain `web`
# (3032 otherwise): the one-rule change.
#
# Set `elements` is a list attribute: as a set, Terraform's apply-time check was O(n^2) (minutes at 10k,
# BENCHMARKS.md).

fw_chains=(input forward output web mgmt)
fw_hooks=(input forward output "" "")

fw_configure() {
  fw_allow=$(($1 * 5 / 10)); fw_block=$(($1 * 4 / 10)); fw_svc=$(($1 - fw_allow - fw_block))
  [ "$fw_svc" -le 1000 ] || die "more than 10000 firewall elements would need more than 1000 ports in one set"
  FW_ALLOW=$(fw_addresses_hcl 1 "$fw_allow")
  FW_BLOCK=$(fw_addresses_hcl 2 "$fw_block")
  FW_SVC="[for i in range($fw_svc) : tostring(20000 + i)]"
}

fw_rule() {  # fw_rule CHAIN_INDEX RULE_INDEX
  case $2 in
    0) echo "ip saddr @block4 drop" ;;
    1) echo "ip saddr @allow4 tcp dport @svc accept" ;;
    *) if [ "$1" -eq 3 ] && [ "$2" -eq 2 ]; then echo "tcp dport ${FW_WEB_PORT:-3032} accept"
       else echo "tcp dport $((3000 + $1 * 10 + $2)) accept"; fi ;;
  esac
}
# terraform's range() stops at 1024 values: the address lists are built as blocks of 250 (10.1.<block>.<1..250>)
fw_addresses_hcl() { echo "slice(flatten([for a in range($(( ($2 + 249) / 250 ))) : [for b in range(250) : \"10.$1.\${a}.\${b + 1}\"]]), 0, $2)"; }

fw_nft() {  # fw_nft [TABLE]
  local table=${1:-${FW_TABLE:-fw}} k j
  echo "add table inet $table"
  echo "add set inet $table allow4 { type ipv4_addr; }"
  echo "add set inet $table block4 { type ipv4_addr; }"
  echo "add set inet $table svc { type inet_service; }"
  awk -v allow="$fw_allow" -v block="$fw_block" -v svc="$fw_svc" -v t="$table" 'BEGIN {
    if (allow) { printf "add element inet %s allow4 { ", t; for (i = 0; i < allow; i++) printf "%s10.1.%d.%d", (i ? ", " : ""), int(i / 250), i % 250 + 1; print " }" }
    if (block) { printf "add element inet %s block4 { ", t; for (i = 0; i < block; i++) printf "%s10.2.%d.%d", (i ? ", " : ""), int(i / 250), i % 250 + 1; print " }" }
    if (svc) { printf "add element inet %s svc { ", t; for (i = 0; i < svc; i++) printf "%s%d", (i ? ", " : ""), 20000 + i; print " }" }}'
  for k in "${!fw_chains[@]}"; do
    if [ -n "${fw_hooks[$k]}" ]; then
      echo "add chain inet $table ${fw_chains[$k]} { type filter hook ${fw_hooks[$k]} priority filter; policy accept; }"
    else
      echo "add chain inet $table ${fw_chains[$k]}"
    fi
    for j in $(seq 0 9); do echo "add rule inet $table ${fw_chains[$k]} $(fw_rule "$k" "$j")"; done
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
  name   = "${FW_TABLE:-fw}"
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
    echo '  input = { host = "'"$(host_address 0)"'", family = "inet", name = "'"${FW_TABLE:-fw}"'" }'
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

fw_workdirs() {  # fw_workdirs NAME
  mkdir -p "$WORK/$1-nft" "$WORK/$1-data"
  fw_hcl nftables >"$WORK/$1-nft/main.tf"
  fw_hcl terraform_data >"$WORK/$1-data/main.tf"
  tf_init "$WORK/$1-nft"
  tf_init "$WORK/$1-data"
}

fw_resident_setup() {
  FW_TABLE=rfw
  unset FW_WEB_PORT
  fw_configure "${RESIDENT_ELEMENTS:-100}"
  if [ ! -d "$WORK/resident-nft" ]; then
    fw_workdirs resident
    say "creating the resident sections' firewall (not timed)"
    tf "$WORK/resident-nft" apply -auto-approve >"$LOG_DIR/resident-create.log" 2>&1 \
      || die "terraform apply of the firewall failed; see $LOG_DIR/resident-create.log"
    tf "$WORK/resident-data" apply -auto-approve >>"$LOG_DIR/resident-create.log" 2>&1 \
      || die "terraform apply of the terraform_data graph failed; see $LOG_DIR/resident-create.log"
  fi
  tf "$WORK/resident-nft" plan -detailed-exitcode >"$LOG_DIR/resident-$1-warmup.log" 2>&1 \
    || die "the warm-up plan of the firewall is not empty (or failed); see $LOG_DIR/resident-$1-warmup.log"
  RESIDENT_STATE=$([ -n "$(agent_pids 0)" ] && echo "an agent was running after the warm-up plan" \
    || echo "no agent was running after the warm-up plan")
}
