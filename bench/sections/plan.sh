# Section of bench/run: `terraform plan` (refresh on, nothing to change) of 200 resources over 10 hosts -- per host
# one table, 15 chains of 3 rules and 4 sets of 5 elements -- against the same graph of 200 terraform_data
# resources, which costs terraform alone. A third configuration, one table per host (10 resources), is the cost of
# reaching the 10 hosts at all (SSH + starting an agent JVM on each), which the 190 other resources add to.
# Issue 15's baseline, also measured in each run: 200 terraform_data + one `ssh host nft list ruleset` per host,
# the 10 reads side by side (as terraform walks 10 resources at a time); at most 1.5x that.
PLAN_HOSTS=10

plan_hosts_hcl() {
  echo "locals {"
  echo "  hosts = {"
  for n in $(seq 0 $((PLAN_HOSTS - 1))); do echo "    h$n = \"$(host_address "$n")\""; done
  echo "  }"
  echo '  chains = { for p in setproduct(keys(local.hosts), range(15)) : "${p[0]}-${p[1]}" => { host = p[0], n = p[1] } }'
  echo '  sets   = { for p in setproduct(keys(local.hosts), range(4)) : "${p[0]}-${p[1]}" => { host = p[0], n = p[1] } }'
  echo '  rules  = ["tcp dport 22 accept", "ip saddr 10.0.0.0/8 counter accept", "ct state established,related accept"]'
  echo "}"
}

plan_nft_hcl() {
  provider_block
  plan_hosts_hcl
  cat <<'HCL'
resource "nftables_table" "t" {
  for_each = local.hosts
  host     = each.value
  family   = "inet"
  name     = "bench"
}

resource "nftables_chain" "c" {
  for_each = local.chains
  table_id = nftables_table.t[each.value.host].id
  name     = "c${each.value.n}"
  dynamic "rule" {
    for_each = local.rules
    content {
      expr = rule.value
    }
  }
}

resource "nftables_set" "s" {
  for_each = local.sets
  table_id = nftables_table.t[each.value.host].id
  name     = "s${each.value.n}"
  type     = "ipv4_addr"
  elements = [for i in range(5) : "10.${each.value.n}.0.${i + 1}"]
}
HCL
}

plan_data_hcl() {
  plan_hosts_hcl
  cat <<'HCL'
resource "terraform_data" "t" {
  for_each = local.hosts
  input    = { host = each.value, family = "inet", name = "bench" }
}

resource "terraform_data" "c" {
  for_each = local.chains
  input    = { table_id = terraform_data.t[each.value.host].id, name = "c${each.value.n}", rules = local.rules }
}

resource "terraform_data" "s" {
  for_each = local.sets
  input = {
    table_id = terraform_data.t[each.value.host].id
    name     = "s${each.value.n}"
    type     = "ipv4_addr"
    elements = [for i in range(5) : "10.${each.value.n}.0.${i + 1}"]
  }
}
HCL
}

plan_tables_hcl() {
  provider_block
  plan_hosts_hcl
  cat <<'HCL'
resource "nftables_table" "t" {
  for_each = local.hosts
  host     = each.value
  family   = "inet"
  name     = "benchreach"
}
HCL
}

plan_ssh_reads() {  # one `nft list ruleset` over SSH per host, all at once; fails if any read fails
  local n pids=() pid
  for n in $(seq 0 $((PLAN_HOSTS - 1))); do host_ssh "$n" nft list ruleset >/dev/null & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid" || return 1; done
}

for cfg in plan-nft plan-data plan-tables; do
  mkdir -p "$WORK/$cfg"
  "${cfg//-/_}_hcl" >"$WORK/$cfg/main.tf"
  tf_init "$WORK/$cfg"
  say "creating $cfg (not timed)"
  tf "$WORK/$cfg" apply -auto-approve >"$LOG_DIR/$cfg-create.log" 2>&1 \
    || die "terraform apply of $cfg failed; see $LOG_DIR/$cfg-create.log"
done
resources=$(terraform -chdir="$WORK/plan-nft" state list | wc -l)
[ "$resources" -eq 200 ] || die "plan-nft has $resources resources in its state, expected 200"

plan_nft=(); plan_data=(); plan_tables=(); plan_reads=(); plan_loads=()
for i in $(seq "$RUNS"); do
  plan_loads+=("$(load1)")
  # -detailed-exitcode: 0 = nothing to change; a plan with changes (2) fails the step, as it should
  plan_nft+=("$(timed "plan-nft-$i" tf "$WORK/plan-nft" plan -detailed-exitcode)")
  plan_data+=("$(timed "plan-data-$i" tf "$WORK/plan-data" plan -detailed-exitcode)")
  plan_tables+=("$(timed "plan-tables-$i" tf "$WORK/plan-tables" plan -detailed-exitcode)")
  plan_reads+=("$(timed "plan-ssh-reads-$i" plan_ssh_reads)")
  echo "plan run $i: nftables ${plan_nft[-1]} ms, terraform_data ${plan_data[-1]} ms, 10 tables ${plan_tables[-1]} ms," \
    "10 ssh reads ${plan_reads[-1]} ms" >&2
done
m_nft=$(printf '%s\n' "${plan_nft[@]}" | median)
m_data=$(printf '%s\n' "${plan_data[@]}" | median)
m_tables=$(printf '%s\n' "${plan_tables[@]}" | median)
m_reads=$(printf '%s\n' "${plan_reads[@]}" | median)
plan_load=$(printf '%s\n' "${plan_loads[@]}" | mean)

# One more plan, not timed, with the provider's debug log: every agent `list` it sent is one line.
TF_LOG_PROVIDER=debug TF_LOG_PATH="$LOG_DIR/plan-nft-debug.log" tf "$WORK/plan-nft" plan -detailed-exitcode \
  >"$LOG_DIR/plan-nft-counted.log" 2>&1 || die "the counted plan failed; see $LOG_DIR/plan-nft-counted.log"
list_calls=$(grep -c 'agent list on ' "$LOG_DIR/plan-nft-debug.log" || true)
per_host=$(grep -o 'agent list on [0-9.]*' "$LOG_DIR/plan-nft-debug.log" | sort | uniq -c | awk '{print $1}' \
  | sort -n | uniq -c | awk '{printf "%s%d host(s) x %d", sep, $1, $2; sep = ", "}')
[ "$list_calls" -gt 0 ] || die "no 'agent list on' lines in the provider's debug log: cannot count list calls"

# The target reads "at most 1.5x terraform_data plus one ruleset read per host": the 10-table plan is exactly that
# read per host (plus reaching the host and terraform's own plan of 10 resources, which makes the bound a little
# generous), so the bound is 1.5 x terraform_data + the 10-table plan and the figure is the 200-resource plan over it.
bound=$(awk -v d="$m_data" -v t="$m_tables" 'BEGIN {print 1.5 * d + t}')
add_row "plan, 200 resources over 10 hosts, nothing to change" "$m_nft" ms "same graph, 200 terraform_data" \
  "$m_data" "$(ratio "$m_nft" "$m_data")" "" "" "$RUNS" "$plan_load" \
  "agent list calls: $list_calls for 200 resources ($per_host); one per resource before the read cache"
add_row "plan, 10 tables over 10 hosts: one ruleset read per host" "$m_tables" ms "200 terraform_data" "$m_data" \
  "$(ratio "$m_tables" "$m_data")" "" "" "$RUNS" "$plan_load" \
  "provider start, SSH and one agent JVM start per host (all on this machine's CPUs), one list each"
add_row "plan, 200 resources, against 1.5 x terraform_data + one read per host" "$m_nft" ms \
  "1.5 x terraform_data + 10-table plan" "$bound" "$(ratio "$m_nft" "$bound")" "<= 1.0 (1.5x + one read per host)" \
  "$(verdict "$(ratio "$m_nft" "$bound")" "<=" 1.0)" "$RUNS" "$plan_load" \
  "the 190 resources beyond one table per host cost $(minus "$m_nft" "$m_tables") ms"
floor=$(awk -v d="$m_data" -v r="$m_reads" 'BEGIN {print d + r}')
add_row "plan, 200 resources over 10 hosts, against terraform_data + one ssh read per host (issue 15)" "$m_nft" ms \
  "200 terraform_data + ssh host nft list ruleset on each host, side by side" "$floor" "$(ratio "$m_nft" "$floor")" \
  "<= 1.5x" "$(verdict "$(ratio "$m_nft" "$floor")" "<=" 1.5)" "$RUNS" "$plan_load" \
  "sum of the two medians: $m_data + $m_reads ms"
