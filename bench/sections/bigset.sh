# Section of bench/run: a blocklist-sized set from elements_file on 1 host. BIGSET_ELEMENTS (default 1000000)
# ipv4_addr elements in an interval + auto-merge set, generated deterministically (seeded random, distinct and
# non-adjacent /32s in 10.0.0.0/8: set elements in a sandbox kernel only, no traffic is sent to them).
# BIGSET_RUNS (default 1) runs per figure, median reported. Figures, each against a baseline of the same run:
#   create  `terraform apply` from an empty host  vs  `scp set.nft host && ssh host nft -f set.nft`
#   no-op   `terraform plan` (refresh on) with the set  vs  the same configuration without the set
#   delta   `terraform apply` of a 1% change (10k removed, 10k added)  vs  `ssh host nft -f -` of that delta alone
# and the peak memory (VmHWM) of terraform, the provider JVM and the agent JVM over the create and delta applies.
# Every timed step is bounded by BIGSET_TIMEOUT seconds (default 900; the baselines' nft is bounded on the host,
# so nothing keeps running there): a step that fails or runs over it is reported as such, and the section goes on.
# nft 1.0.6 deletes from a large interval set in time proportional to the set's size per element (BENCHMARKS.md),
# so the delta baseline at 1M elements may run over the bound. At 1M elements the section took 20 min on this
# 2-core machine under load with its plans failing at 120 s each (2026-12-07); expect 25-40 min when all run.
BIGSET_ELEMENTS=${BIGSET_ELEMENTS:-1000000}
BIGSET_RUNS=${BIGSET_RUNS:-1}
BIGSET_TIMEOUT=${BIGSET_TIMEOUT:-900}
BIGSET_DELTA=$(( BIGSET_ELEMENTS / 100 ))
BIG=$WORK/bigset
mkdir -p "$BIG/with" "$BIG/without"

say "bigset: generating $BIGSET_ELEMENTS + $BIGSET_DELTA elements"
python3 - "$BIGSET_ELEMENTS" "$BIGSET_DELTA" "$BIG" <<'PY'
import random, sys
n, delta, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(17)
# even offsets only: no two elements are adjacent, so auto-merge keeps every one a single /32 and the delta
# baseline's `delete element` finds each (nft cannot delete one address out of a merged range: "element does not exist")
picked = [2 * v for v in rng.sample(range(1, 1 << 23), n + delta)]
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
    "$BIG/set.nft" "root@$(host_address 0):$BIG_REMOTE" && bigset_nft "$BIG_REMOTE"
}
BIG_REMOTE=/tmp/nk-bench-set.$$.nft
# bigset_bounded COMMAND... -> the command under BIGSET_TIMEOUT; over it, says so in the step's log (exit 124)
bigset_bounded() {
  local status=0
  "$@" || status=$?
  [ "$status" -ne 124 ] || echo "over BIGSET_TIMEOUT ($BIGSET_TIMEOUT s)" >&2
  return "$status"
}
# terraform, and nft on the host, bounded by BIGSET_TIMEOUT (nft on the host side, so nothing keeps running there)
bigset_tf() { local dir=$1; shift; bigset_bounded timeout -k 10 "$BIGSET_TIMEOUT" terraform -chdir="$dir" "$@" -input=false -no-color -lock=false; }
bigset_nft() { bigset_bounded host_ssh 0 timeout "$BIGSET_TIMEOUT" nft -f "$1"; }
# bigset_step NAME COMMAND... -> ms, "over" when it ran over BIGSET_TIMEOUT, "failed" otherwise (its log says why)
bigset_step() {
  local name=$1
  timed "$@" && return
  if grep -q "^over BIGSET_TIMEOUT" "$LOG_DIR/$name.log"; then echo over; else echo failed; fi
}
# bigset_figure VALUE... -> the median, or what went wrong in how many runs
bigset_figure() {
  local over failed
  over=$(printf '%s\n' "$@" | grep -c '^over$' || true)
  failed=$(printf '%s\n' "$@" | grep -c '^failed$' || true)
  if [ "$over" -gt 0 ]; then echo "over ${BIGSET_TIMEOUT} s in $over of $# runs"
  elif [ "$failed" -gt 0 ]; then echo "failed in $failed of $# runs (see the logs)"
  else printf '%s\n' "$@" | median; fi
}
bigset_row() {  # bigset_row FIGURE VALUE BASELINE BASELINE_VALUE LIMIT
  local r= v="not measured"
  if [[ "$2" != [a-z]* && "$4" != [a-z]* ]]; then
    r=$(ratio "$2" "$4")
    v=$(verdict "$r" "<=" "$5")
  elif [[ "$2" != [a-z]* && "$4" == "over $BIGSET_TIMEOUT s in $BIGSET_RUNS of $BIGSET_RUNS runs" ]]; then
    # every baseline run took longer than the bound: the ratio is below the value over the bound
    r="< $(ratio "$2" $((BIGSET_TIMEOUT * 1000)))"
    v=$(verdict "${r#< }" "<=" "$5")
  fi
  add_row "$1" "$2" ms "$3" "$4" "$r" "<= $5" "$v" "$BIGSET_RUNS" "$load" ""
}
bigset_reset
# warm-up, not timed: uploads the agent jar to the host; the configuration without the set stays applied
tf "$BIG/without" apply -auto-approve >"$LOG_DIR/bigset-warmup.log" 2>&1

creates=(); create_base=(); plans=(); plan_base=(); deltas=(); delta_base=(); loads=()
mem_sampler_start bigset "$BIG/with"
for i in $(seq "$BIGSET_RUNS"); do
  loads+=("$(load1)")
  create_base+=("$(bigset_step "bigset-create-scp-nft-$i" bigset_scp_nft)")
  bigset_reset
  cp "$BIG/base.txt" "$BIG/elements.txt"
  creates+=("$(bigset_step "bigset-create-apply-$i" bigset_tf "$BIG/with" apply -auto-approve)")
  plans+=("$(bigset_step "bigset-noop-plan-$i" bigset_tf "$BIG/with" plan -detailed-exitcode)")
  plan_base+=("$(bigset_step "bigset-noop-plan-without-$i" bigset_tf "$BIG/without" plan -detailed-exitcode)")
  cp "$BIG/changed.txt" "$BIG/elements.txt"
  deltas+=("$(bigset_step "bigset-delta-apply-$i" bigset_tf "$BIG/with" apply -auto-approve)")
  # the baseline starts from the base set too: reloaded whole (deleting the delta back would take hours, see above)
  bigset_reset
  bigset_nft "$BIG_REMOTE" || die "reloading the base set on the host failed"
  delta_base+=("$(bigset_step "bigset-delta-ssh-nft-$i" bigset_nft - <"$BIG/delta.nft")")
  echo "bigset run $i: create ${creates[-1]} ms (scp+nft ${create_base[-1]}), no-op plan ${plans[-1]} ms" \
    "(without the set ${plan_base[-1]}), 1% delta ${deltas[-1]} ms (ssh nft -f ${delta_base[-1]}), load $(load1)" >&2
  bigset_reset
done
host_ssh 0 rm -f "$BIG_REMOTE"
read -r provider_mb agent_mb tf_mb < <(mem_sampler_stop bigset)
load=$(printf '%s\n' "${loads[@]}" | mean)
bigset_row "bigset: create a $BIGSET_ELEMENTS-element interval set from elements_file (terraform apply)" \
  "$(bigset_figure "${creates[@]}")" "scp set.nft host && ssh host nft -f set.nft" "$(bigset_figure "${create_base[@]}")" 1.5
bigset_row "bigset: no-op terraform plan with the $BIGSET_ELEMENTS-element set" "$(bigset_figure "${plans[@]}")" \
  "no-op plan of the same configuration without the set" "$(bigset_figure "${plan_base[@]}")" 2
bigset_row "bigset: apply a 1% delta ($BIGSET_DELTA removed, $BIGSET_DELTA added)" "$(bigset_figure "${deltas[@]}")" \
  "ssh host nft -f of the delta alone" "$(bigset_figure "${delta_base[@]}")" 1.5
add_row "bigset: peak memory (VmHWM), provider JVM" "$provider_mb" MB "" "" "" "<= 512" \
  "$(verdict "$provider_mb" "<=" 512)" "$BIGSET_RUNS" "$load" "over create, plans and delta"
add_row "bigset: peak memory (VmHWM), agent JVM" "$agent_mb" MB "" "" "" "<= 512" \
  "$(verdict "$agent_mb" "<=" 512)" "$BIGSET_RUNS" "$load" "over create, plans and delta"
add_row "bigset: peak memory (VmHWM), terraform" "$tf_mb" MB "" "" "" "< 200" \
  "$(awk -v v="$tf_mb" 'BEGIN {print (v < 200) ? "met" : "NOT met"}')" "$BIGSET_RUNS" "$load" "over create, plans and delta"
