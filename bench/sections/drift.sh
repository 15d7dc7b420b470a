# Section of bench/run: the `nftkeeper drift` job over 50 hosts at once (--parallel 50) against the slowest host of
# the same run (target: at most 1.5x, i.e. the hosts are checked side by side), plus one host checked alone. The
# tables it checks are created by terraform (one nftables_table per host, not timed), and the job reads a state in
# the `terraform show -json` form, as in CI.
DRIFT_HOSTS=${DRIFT_HOSTS:-50}
mkdir -p "$WORK/drift"
{
  provider_block
  echo 'resource "nftables_table" "drift" {'
  echo "  for_each = toset([$(for n in $(seq 0 $((DRIFT_HOSTS - 1))); do printf '"%s",' "$(host_address "$n")"; done)])"
  echo '  host     = each.value'
  echo '  family   = "inet"'
  echo '  name     = "benchdrift"'
  echo '}'
} >"$WORK/drift/main.tf"
tf_init "$WORK/drift"
say "creating one table on each of $DRIFT_HOSTS hosts (not timed)"
tf "$WORK/drift" apply -auto-approve >"$LOG_DIR/drift-create.log" 2>&1 \
  || die "terraform apply of the drift tables failed; see $LOG_DIR/drift-create.log"
terraform -chdir="$WORK/drift" show -json >"$WORK/drift-all.json"
first=$(host_address 0)

drift_job() {  # drift_job OUTPUT_JSON HOST... (no host: every host of the state)
  local out=$1; shift
  local input=(--state "$WORK/drift-all.json")
  [ $# -eq 0 ] || input=("$@")
  cli/target/dist/nftkeeper drift "${input[@]}" --parallel "$DRIFT_HOSTS" --timeout 300s --format json \
    --progress never --private-key-file "$OPERATOR_KEY" --known-hosts-file "$WORK/known_hosts" \
    --agent-dir "$WORK/agent" >"$out"
}
json_number() { grep -o "\"$1\" *: *[0-9.]*" "$2" | sed 's/.*: *//'; }

drift_all=(); drift_slowest=(); drift_ratio=(); drift_alone=(); drift_loads=()
for i in $(seq "$RUNS"); do
  drift_loads+=("$(load1)")
  timed "drift-all-$i" drift_job "$WORK/drift-all-$i.out" >/dev/null
  clean=$(grep -o '"clean" *: *[0-9]*' "$WORK/drift-all-$i.out" | head -n 1 | sed 's/.*: *//')
  [ "$clean" = "$DRIFT_HOSTS" ] || die "the drift job did not find all $DRIFT_HOSTS hosts clean: $(head -c 400 "$WORK/drift-all-$i.out")"
  drift_all+=("$(json_number wall_time_seconds "$WORK/drift-all-$i.out")")
  drift_slowest+=("$(json_number duration_seconds "$WORK/drift-all-$i.out" | sort -n | tail -n 1)")
  drift_ratio+=("$(ratio "${drift_all[-1]}" "${drift_slowest[-1]}")")
  timed "drift-alone-$i" drift_job "$WORK/drift-alone-$i.out" "$first" >/dev/null
  drift_alone+=("$(json_number wall_time_seconds "$WORK/drift-alone-$i.out")")
  echo "drift run $i: $DRIFT_HOSTS hosts ${drift_all[-1]} s, slowest host ${drift_slowest[-1]} s" \
    "(${drift_ratio[-1]}x), one host alone ${drift_alone[-1]} s" >&2
done
m_all=$(printf '%s\n' "${drift_all[@]}" | median)
m_slowest=$(printf '%s\n' "${drift_slowest[@]}" | median)
m_ratio=$(printf '%s\n' "${drift_ratio[@]}" | median)
m_alone=$(printf '%s\n' "${drift_alone[@]}" | median)
drift_load=$(printf '%s\n' "${drift_loads[@]}" | mean)
add_row "drift job, $DRIFT_HOSTS hosts, --parallel $DRIFT_HOSTS" "$m_all" s "slowest host of the same run" "$m_slowest" \
  "$m_ratio" "<= 1.5x" "$(verdict "$m_ratio" "<=" 1.5)" "$RUNS" "$drift_load" \
  "ratio = median of per-run ratios; one host alone: $m_alone s ($(ratio "$m_all" "$m_alone")x); all hosts share this machine's CPUs"
