# Section of bench/run (issue 15): the resident agent's memory and idle CPU on the first sandbox host, read from
# /proc of the agent JVM(s) found by their jar in the sandbox's network namespace (lib.sh agent_pids):
#   idle       VmRSS a few seconds after a no-op plan of the one-host firewall (bench/firewall.sh), and the CPU
#              seconds (utime + stime) it uses over RESIDENT_IDLE_SECONDS (default 30) with nothing to do;
#   10k rules  after `terraform apply` of one chain of 10 000 rules (table rmem): VmRSS once idle again, and VmHWM.
# Without a resident agent nothing runs between commands, and those rows say "n/a (no resident agent)". Measured
# either way: the peak (VmHWM) of this run's agent and provider JVMs during the 10k-rule apply, sampled every 200 ms
# (lib.sh mem_sampler_start), and that apply's wall time. Report only; no targets.
RESIDENT_IDLE_SECONDS=${RESIDENT_IDLE_SECONDS:-30}
RESIDENT_RULES=${RESIDENT_RULES:-10000}
NA="n/a (no resident agent)"
source "$REPO_ROOT/bench/firewall.sh"
fw_resident_setup memory

agents_kb() {  # agents_kb FIELD -> the field summed over the sandbox's agents, in MB; empty without an agent
  local pid sum= kb
  for pid in $(agent_pids 0); do kb=$(proc_status_kb "$pid" "$1"); [ -z "$kb" ] || sum=$(( ${sum:-0} + kb )); done
  [ -z "$sum" ] || echo $((sum / 1024))
}
agents_ticks() {
  local pid sum=0
  for pid in $(agent_pids 0); do sum=$((sum + $(proc_cpu_ticks "$pid"))); done
  echo "$sum"
}
ticks_per_second=$(getconf CLK_TCK)
sleep 2
rmem_load=$(load1)
idle_pids=$(agent_pids 0 | tr '\n' ' ')
idle_rss=$(agents_kb VmRSS)
if [ -n "$idle_rss" ]; then
  before=$(agents_ticks); sleep "$RESIDENT_IDLE_SECONDS"; after=$(agents_ticks)
  changed=
  [ "$(agent_pids 0 | tr '\n' ' ')" = "$idle_pids" ] || changed="; the agent pids changed during the window"
  idle_cpu=$(awk -v t=$((after - before)) -v hz="$ticks_per_second" 'BEGIN {printf "%.2f", t / hz}')
  idle_pct=$(awk -v c="$idle_cpu" -v s="$RESIDENT_IDLE_SECONDS" 'BEGIN {printf "%.2f", 100 * c / s}')
  add_row "resident agent, idle: resident memory (VmRSS)" "$idle_rss" MB "" "" "" "report" "" 1 "$rmem_load" \
    "agent pid(s): $idle_pids"
  add_row "resident agent, idle: CPU over $RESIDENT_IDLE_SECONDS s (utime + stime)" "$idle_cpu" "CPU-s" "" "" "" \
    "about zero" "" 1 "$rmem_load" "$idle_pct % of one CPU$changed"
else
  add_row "resident agent, idle: resident memory (VmRSS)" "$NA" "" "" "" "" "report" "" 1 "$rmem_load" \
    "no agent JVM in the sandbox's namespace 2 s after a plan"
  add_row "resident agent, idle: CPU over $RESIDENT_IDLE_SECONDS s" "$NA" "" "" "" "" "about zero" "" 1 "$rmem_load" ""
fi

mkdir -p "$WORK/rmem"
{
  provider_block
  cat <<HCL
resource "nftables_table" "rmem" {
  host   = "$(host_address 0)"
  family = "inet"
  name   = "rmem"
}
resource "nftables_chain" "big" {
  table_id = nftables_table.rmem.id
  name     = "big"
  dynamic "rule" {
    for_each = flatten([for a in range($(( (RESIDENT_RULES + 999) / 1000 ))) : [for b in range(1000) : 1000 + a * 1000 + b]])
    content {
      expr = "tcp dport \${rule.value} accept"
    }
  }
}
HCL
} >"$WORK/rmem/main.tf"
tf_init "$WORK/rmem"
mem_sampler_start resident-memory
rmem_load=$(load1)
rmem_apply=$(timed resident-memory-apply tf "$WORK/rmem" apply -auto-approve)
read -r provider_mb agent_mb _ < <(mem_sampler_stop resident-memory)
rules=$(host_ssh 0 nft list chain inet rmem big | grep -c 'tcp dport' || true)
[ "$rules" -ge "$RESIDENT_RULES" ] || die "the host holds $rules rules in chain big, expected $RESIDENT_RULES"
add_row "apply of one chain of $rules rules (table rmem)" "$rmem_apply" ms "" "" "" "" "" 1 "$rmem_load" \
  "peak (VmHWM) during it: agent $agent_mb MB, provider $provider_mb MB"
sleep 2
after_rss=$(agents_kb VmRSS)
if [ -n "$after_rss" ]; then
  add_row "resident agent, idle after a $rules-rule table: VmRSS / VmHWM" "$after_rss / $(agents_kb VmHWM)" MB \
    "idle before it (VmRSS)" "${idle_rss:-n/a}" "$(ratio "$after_rss" "${idle_rss:-0}")" "report" "" 1 "$rmem_load" \
    "agent pid(s): $(agent_pids 0 | tr '\n' ' ')"
else
  add_row "resident agent, idle after a $rules-rule table: VmRSS / VmHWM" "$NA" "" "" "" "" "report" "" 1 \
    "$rmem_load" "the agent's peak while it applied them is in the row above"
fi
host_ssh 0 nft delete table inet rmem
rm -f "$WORK"/rmem/terraform.tfstate*
