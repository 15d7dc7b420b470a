# Section of bench/run (issue 15): first contact -- a no-op `terraform plan` of the one-host firewall
# (bench/firewall.sh) with the agent jar (and runtime) already on the host but no agent running: before each run
# every agent of the sandbox is stopped (by pid; found by its jar in the sandbox's network namespace). Against, in
# the same run, the same plan right after it (the agent warm, when it stays resident) and `ssh host nft list
# ruleset`. Report only; no target. Without a resident agent nothing is left running between commands, so
# first contact is every plan and the two plans cost the same.
source "$REPO_ROOT/bench/firewall.sh"
fw_resident_setup first

rfirst_cold=(); rfirst_warm=(); rfirst_read=(); rfirst_loads=(); rfirst_stopped=0
for i in $(seq "$RUNS"); do
  [ -z "$(agent_pids 0)" ] || rfirst_stopped=$((rfirst_stopped + 1))
  agent_stop 0
  rfirst_loads+=("$(load1)")
  rfirst_cold+=("$(timed "resident-first-cold-$i" tf "$WORK/resident-nft" plan -detailed-exitcode)")
  rfirst_warm+=("$(timed "resident-first-warm-$i" tf "$WORK/resident-nft" plan -detailed-exitcode)")
  rfirst_read+=("$(timed "resident-first-ssh-read-$i" host_ssh 0 nft list ruleset)")
  echo "resident-first run $i: plan with no agent running ${rfirst_cold[-1]} ms, the next plan ${rfirst_warm[-1]} ms," \
    "ssh nft list ruleset ${rfirst_read[-1]} ms" >&2
done
m_cold=$(printf '%s\n' "${rfirst_cold[@]}" | median)
m_warm=$(printf '%s\n' "${rfirst_warm[@]}" | median)
m_read=$(printf '%s\n' "${rfirst_read[@]}" | median)
load=$(printf '%s\n' "${rfirst_loads[@]}" | mean)
add_row "first contact: no-op plan, jar cached, no agent running (one-host firewall)" "$m_cold" ms \
  "the next no-op plan (agent warm if resident)" "$m_warm" "$(ratio "$m_cold" "$m_warm")" "report" "" "$RUNS" "$load" \
  "a running agent was found and stopped before $rfirst_stopped of $RUNS runs"
add_row "first contact: the same plan against one ssh read" "$m_cold" ms "ssh host nft list ruleset" "$m_read" \
  "$(ratio "$m_cold" "$m_read")" "report" "" "$RUNS" "$load" ""
