# Section of bench/run (issue 15): a one-rule change end to end -- `terraform apply` of the one-host firewall
# (bench/firewall.sh) with the port of one rule of chain `web` changed, through the agent over SSH -- against
# `ssh host nft -f -` of the same change (`replace rule ... handle N`) on a look-alike table that terraform does not
# manage (rfwssh, loaded from the same ruleset). Each run changes the port to a new value, both ways, and checks
# that the host holds it afterwards. Report only; no target.
source "$REPO_ROOT/bench/firewall.sh"
fw_resident_setup change
fw_nft rfwssh | host_ssh 0 nft -f - || die "could not load the look-alike table rfwssh"

rule_handle() {  # rule_handle TABLE PORT -> handle of the rule `tcp dport PORT accept` in chain web
  host_ssh 0 nft -a list chain inet "$1" web | awk -v p="$2" '$0 ~ "tcp dport " p " accept" {print $NF}'
}
rchange_tf=(); rchange_ssh=(); rchange_loads=()
old_port=3032
for i in $(seq "$RUNS"); do
  FW_WEB_PORT=$((4000 + i))
  fw_hcl nftables >"$WORK/resident-nft/main.tf"
  rchange_loads+=("$(load1)")
  rchange_tf+=("$(timed "resident-change-apply-$i" tf "$WORK/resident-nft" apply -auto-approve)")
  [ -n "$(rule_handle rfw "$FW_WEB_PORT")" ] || die "after the apply, chain web of rfw has no rule for port $FW_WEB_PORT"
  handle=$(rule_handle rfwssh "$old_port")
  [ -n "$handle" ] || die "chain web of rfwssh has no rule for port $old_port"
  rchange_ssh+=("$(timed "resident-change-ssh-nft-$i" host_ssh 0 nft -f - \
    <<<"replace rule inet rfwssh web handle $handle tcp dport $FW_WEB_PORT accept")")
  [ -n "$(rule_handle rfwssh "$FW_WEB_PORT")" ] || die "after nft -f, chain web of rfwssh has no rule for port $FW_WEB_PORT"
  old_port=$FW_WEB_PORT
  echo "resident-change run $i: terraform apply ${rchange_tf[-1]} ms, ssh nft -f ${rchange_ssh[-1]} ms" >&2
done
m_tf=$(printf '%s\n' "${rchange_tf[@]}" | median)
m_ssh=$(printf '%s\n' "${rchange_ssh[@]}" | median)
add_row "one-rule change, terraform apply end to end over SSH (one-host firewall)" "$m_tf" ms \
  "ssh host nft -f (replace rule ... handle N)" "$m_ssh" "$(ratio "$m_tf" "$m_ssh")" "report" "" "$RUNS" \
  "$(printf '%s\n' "${rchange_loads[@]}" | mean)" "$RESIDENT_STATE"

# back to the firewall the other resident sections expect; the look-alike goes
unset FW_WEB_PORT
fw_hcl nftables >"$WORK/resident-nft/main.tf"
tf "$WORK/resident-nft" apply -auto-approve >>"$LOG_DIR/resident-change-restore.log" 2>&1 \
  || die "restoring the firewall failed; see $LOG_DIR/resident-change-restore.log"
host_ssh 0 nft delete table inet rfwssh
