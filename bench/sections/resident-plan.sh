# Section of bench/run (issue 15): `terraform plan` with nothing to change of the one-host firewall
# (bench/firewall.sh: 50 rules, 5 chains, 3 sets of RESIDENT_ELEMENTS elements, default 100), with the agent
# already running -- warmed by one plan first, not timed -- against the same graph in terraform_data planned by
# terraform plus one `ssh host nft list ruleset`, each measured in every run. Target: at most 2x their sum.
# Without a resident agent (every provider process starts its own) the warm-up leaves nothing running, and the
# figure is what a plan costs today; the notes say which it was.
source "$REPO_ROOT/bench/firewall.sh"
fw_resident_setup plan

rplan_nft=(); rplan_data=(); rplan_read=(); rplan_loads=()
for i in $(seq "$RUNS"); do
  rplan_loads+=("$(load1)")
  rplan_nft+=("$(timed "resident-plan-nft-$i" tf "$WORK/resident-nft" plan -detailed-exitcode)")
  rplan_data+=("$(timed "resident-plan-data-$i" tf "$WORK/resident-data" plan -detailed-exitcode)")
  rplan_read+=("$(timed "resident-plan-ssh-read-$i" host_ssh 0 nft list ruleset)")
  echo "resident-plan run $i: nftables ${rplan_nft[-1]} ms, terraform_data ${rplan_data[-1]} ms," \
    "ssh nft list ruleset ${rplan_read[-1]} ms" >&2
done
m_nft=$(printf '%s\n' "${rplan_nft[@]}" | median)
m_data=$(printf '%s\n' "${rplan_data[@]}" | median)
m_read=$(printf '%s\n' "${rplan_read[@]}" | median)
floor=$(awk -v d="$m_data" -v r="$m_read" 'BEGIN {print d + r}')
r=$(ratio "$m_nft" "$floor")
add_row "no-op plan, one-host firewall (50 rules, 5 chains, 3 sets, ${RESIDENT_ELEMENTS:-100} elements), agent warm" \
  "$m_nft" ms "same graph in terraform_data + ssh host nft list ruleset" "$floor" "$r" "<= 2x" "$(verdict "$r" "<=" 2)" \
  "$RUNS" "$(printf '%s\n' "${rplan_loads[@]}" | mean)" \
  "sum of the two medians: $m_data + $m_read ms; $RESIDENT_STATE"
