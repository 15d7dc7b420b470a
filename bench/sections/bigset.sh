# Section of bench/run: a blocklist-sized set from elements_file on 1 host. BIGSET_ELEMENTS (default 1000000)
# ipv4_addr elements in an interval + auto-merge set, generated deterministically (seeded random, distinct /32s in
# 10.0.0.0/8: set elements in a sandbox kernel only, no traffic is sent to them). BIGSET_RUNS (default 1) runs per
# figure, median reported. Figures, each against a baseline measured in the same run:
#   create  `terraform apply` from an empty host  vs  `scp set.nft host && ssh host nft -f set.nft`
#   no-op   `terraform plan` (refresh on) with the set  vs  the same configuration without the set
#   delta   `terraform apply` of a 1% change (10k removed, 10k added)  vs  `ssh host nft -f -` of that delta alone
# and the peak memory (VmHWM) of terraform, the provider JVM and the agent JVM over the create and delta applies.
BIGSET_ELEMENTS=${BIGSET_ELEMENTS:-1000000}
BIGSET_RUNS=${BIGSET_RUNS:-1}
BIGSET_DELTA=$(( BIGSET_ELEMENTS / 100 ))
BIG=$WORK/bigset
mkdir -p "$BIG/with" "$BIG/without"

say "bigset: generating $BIGSET_ELEMENTS + $BIGSET_DELTA elements"
python3 - "$BIGSET_ELEMENTS" "$BIGSET_DELTA" "$BIG" <<'PY'
import random, sys
n, delta, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(17)
picked = rng.sample(range(1, 1 << 24), n + delta)
addr = lambda v: "10.%d.%d.%d" % (v >> 16, (v >> 8) & 255, v & 255)
base = [addr(v) for v in picked[:n]]
added = [addr(v) for v in picked[n:]]
removed = base[:delta]
with open(out + "/base.txt", "w") as f:
    f.write("# bench blocklist, seed 17\n" + "\n".join(base) + "\n")
with open(out + "/changed.txt", "w") as f:
    f.write("# bench blocklist, seed 17, 1% changed\n" + "\n".join(base[delta:] + added) + "\n")
with open(out + "/set.nft", "w") as f:
    f.write("table inet big {\n\tset blocked {\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\tauto-merge\n"
            "\t\telements = { " + ",\n".join(base) + " }\n\t}\n}\n")
with open(out + "/delta.nft", "w") as f:
    f.write("delete element inet big blocked { " + ", ".join(removed) + " }\n"
            "add element inet big blocked { " + ", ".join(added) + " }\n")
with open(out + "/undo.nft", "w") as f:
    f.write("delete element inet big blocked { " + ", ".join(added) + " }\n"
            "add element inet big blocked { " + ", ".join(removed) + " }\n")
PY

bigset_hcl() {  # bigset_hcl with|without: the same configuration, with or without the set (own table names)
  provider_block
  cat <<HCL
resource "nftables_table" "big" {
  host   = "$(host_address 0)"
  family = "inet"
  name   = "$([ "$1" = with ] && echo big || echo plain)"
}
HCL
  [ "$1" = with ] || return 0
  cat <<HCL
resource "nftables_set" "blocked" {
  table_id      = nftables_table.big.id
  name          = "blocked"
  type          = "ipv4_addr"
  flags         = ["interval"]
  auto_merge    = true
  elements_file = "$BIG/elements.txt"
}
HCL
}
bigset_hcl with >"$BIG/with/main.tf"
bigset_hcl without >"$BIG/without/main.tf"
tf_init "$BIG/with"
tf_init "$BIG/without"
bigset_reset() {
  host_ssh 0 nft delete table inet big >/dev/null 2>&1 || true
  rm -f "$BIG"/with/terraform.tfstate*
}
# the floor: what an operator without nftkeeper would run to load the same set
bigset_scp_nft() {
  scp -q -i "$OPERATOR_KEY" -o UserKnownHostsFile="$WORK/known_hosts" -o StrictHostKeyChecking=yes -o BatchMode=yes \
    "$BIG/set.nft" "root@$(host_address 0):/tmp/nk-bench-set.nft"
  host_ssh 0 nft -f /tmp/nk-bench-set.nft
}
bigset_reset
# warm-up, not timed: uploads the agent jar to the host; the configuration without the set stays applied
tf "$BIG/without" apply -auto-approve >"$LOG_DIR/bigset-warmup.log" 2>&1

creates=(); create_base=(); plans=(); plan_base=(); deltas=(); delta_base=(); loads=()
mem_sampler_start bigset "$BIG/with"
for i in $(seq "$BIGSET_RUNS"); do
  loads+=("$(load1)")
  create_base+=("$(timed "bigset-create-scp-nft-$i" bigset_scp_nft)")
  bigset_reset
  cp "$BIG/base.txt" "$BIG/elements.txt"
  creates+=("$(timed "bigset-create-apply-$i" tf "$BIG/with" apply -auto-approve)")
  plans+=("$(timed "bigset-noop-plan-$i" tf "$BIG/with" plan -detailed-exitcode)")
  plan_base+=("$(timed "bigset-noop-plan-without-$i" tf "$BIG/without" plan -detailed-exitcode)")
  cp "$BIG/changed.txt" "$BIG/elements.txt"
  deltas+=("$(timed "bigset-delta-apply-$i" tf "$BIG/with" apply -auto-approve)")
  host_ssh 0 nft -f - <"$BIG/undo.nft"
  delta_base+=("$(timed "bigset-delta-ssh-nft-$i" host_ssh 0 nft -f - <"$BIG/delta.nft")")
  echo "bigset run $i: create ${creates[-1]} ms (scp+nft ${create_base[-1]}), no-op plan ${plans[-1]} ms" \
    "(without the set ${plan_base[-1]}), 1% delta ${deltas[-1]} ms (ssh nft -f ${delta_base[-1]}), load $(load1)" >&2
  bigset_reset
done
read -r provider_mb agent_mb tf_mb < <(mem_sampler_stop bigset)
load=$(printf '%s\n' "${loads[@]}" | mean)
m_create=$(printf '%s\n' "${creates[@]}" | median); b_create=$(printf '%s\n' "${create_base[@]}" | median)
m_plan=$(printf '%s\n' "${plans[@]}" | median); b_plan=$(printf '%s\n' "${plan_base[@]}" | median)
m_delta=$(printf '%s\n' "${deltas[@]}" | median); b_delta=$(printf '%s\n' "${delta_base[@]}" | median)
r=$(ratio "$m_create" "$b_create")
add_row "bigset: create a $BIGSET_ELEMENTS-element interval set from elements_file (terraform apply)" "$m_create" ms \
  "scp set.nft host && ssh host nft -f set.nft" "$b_create" "$r" "<= 1.5" "$(verdict "$r" "<=" 1.5)" "$BIGSET_RUNS" "$load" ""
r=$(ratio "$m_plan" "$b_plan")
add_row "bigset: no-op terraform plan with the $BIGSET_ELEMENTS-element set" "$m_plan" ms \
  "no-op plan of the same configuration without the set" "$b_plan" "$r" "<= 2" "$(verdict "$r" "<=" 2)" "$BIGSET_RUNS" "$load" ""
r=$(ratio "$m_delta" "$b_delta")
add_row "bigset: apply a 1% delta ($BIGSET_DELTA removed, $BIGSET_DELTA added)" "$m_delta" ms \
  "ssh host nft -f of the delta alone" "$b_delta" "$r" "<= 1.5" "$(verdict "$r" "<=" 1.5)" "$BIGSET_RUNS" "$load" ""
add_row "bigset: peak memory (VmHWM), provider JVM" "$provider_mb" MB "" "" "" "<= 512" \
  "$(verdict "$provider_mb" "<=" 512)" "$BIGSET_RUNS" "$load" "over create, plans and delta"
add_row "bigset: peak memory (VmHWM), agent JVM" "$agent_mb" MB "" "" "" "<= 512" \
  "$(verdict "$agent_mb" "<=" 512)" "$BIGSET_RUNS" "$load" "over create, plans and delta"
add_row "bigset: peak memory (VmHWM), terraform" "$tf_mb" MB "" "" "" "< 200" \
  "$(awk -v v="$tf_mb" 'BEGIN {print (v < 200) ? "met" : "NOT met"}')" "$BIGSET_RUNS" "$load" "over create, plans and delta"
