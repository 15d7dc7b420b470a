# Section of bench/run: how apply and plan cost grow with the size of one object, on 1 host: one chain with
# 10/100/1k/10k rules, one set with 1k/10k elements. Each point: `terraform apply` from an empty host, then
# `terraform plan` (refresh on, nothing to change), with the peak memory (VmHWM) of the provider and agent JVMs.
# The element series stops at 10k: Terraform renders every plan with an O(n^2)-memory diff of each list against
# its prior state (0.9 GB of terraform memory measured at 10k; ~9 n^2 bytes, so ~90 GB at 100k).
# GROWTH_RUNS (default 1) runs per point, median reported; GROWTH_TIMEOUT (default 90 s) bounds each step, and a
# series stops at its first point over the bound (the larger ones would be slower still).
GROWTH_RUNS=${GROWTH_RUNS:-1}
GROWTH_TIMEOUT=${GROWTH_TIMEOUT:-90}
GROWTH_CSV=$OUT/growth.csv
echo '"object","size","apply_ms","plan_ms","apply_us_per_item","plan_us_per_item","apply_cpu_s","plan_cpu_s","provider_peak_mb","agent_peak_mb","runs","load_avg"' \
  >"$GROWTH_CSV"
mkdir -p "$WORK/growth"

growth_hcl() {  # growth_hcl rules|elements N
  provider_block
  cat <<HCL
resource "nftables_table" "growth" {
  host   = "$(host_address 0)"
  family = "inet"
  name   = "growth"
}
HCL
  if [ "$1" = rules ]; then
    cat <<HCL
resource "nftables_chain" "big" {
  table_id = nftables_table.growth.id
  name     = "big"
  dynamic "rule" {
    for_each = flatten([for a in range($(( ($2 + 999) / 1000 ))) : [for b in range($(( $2 < 1000 ? $2 : 1000 ))) : 1000 + a * 1000 + b]])
    content {
      expr = "tcp dport \${rule.value} accept"
    }
  }
}
HCL
  else
    cat <<HCL
resource "nftables_set" "big" {
  table_id = nftables_table.growth.id
  name     = "big"
  type     = "ipv4_addr"
  elements = flatten([for a in range($(( ($2 + 999) / 1000 ))) : [for b in range($(( $2 < 1000 ? $2 : 1000 ))) : "10.\${floor(a / 4)}.\${(a % 4) * 50 + floor(b / 20)}.\${b % 20 + 1}"]])
}
HCL
  fi
}

# Removes the table behind terraform's back and forgets the state: quicker than destroy, and works after a step
# that ran out of time.
growth_reset() {
  host_ssh 0 nft delete table inet growth >/dev/null 2>&1 || true
  rm -f "$WORK/growth/terraform.tfstate" "$WORK/growth/terraform.tfstate.backup"
}

# growth_step NAME terraform-args... -> ms, or nothing when over GROWTH_TIMEOUT. Also writes $WORK/cpu.NAME: the
# CPU seconds (user + system) of terraform and the provider it started, which a loaded machine does not inflate
# the way it inflates wall time: terraform's children, plus what the resident provider server spent meanwhile
# (its sessions are the plugin processes). (The agent runs on the host and is not included.)
growth_step() {
  local name=$1 before; shift
  before=$(provider_server_ticks)
  timed "$name" /usr/bin/time -f "%U %S" -o "$WORK/cpu.$name" timeout -k 10 "$GROWTH_TIMEOUT" \
    terraform -chdir="$WORK/growth" "$@" -input=false -no-color -lock=false || true
  echo "$(($(provider_server_ticks) - before))" >"$WORK/server-ticks.$name"
}
cpu_seconds() {
  awk -v ticks="$(cat "$WORK/server-ticks.$1" 2>/dev/null || echo 0)" -v hz="$(getconf CLK_TCK)" \
    '{printf "%.1f", $1 + $2 + ticks / hz}' "$WORK/cpu.$1" 2>/dev/null
}

growth_hcl rules 1 >"$WORK/growth/main.tf"
tf_init "$WORK/growth"
growth_reset
for series in "rules 10 100 1000 10000" "elements 1000 10000"; do
  read -r kind sizes <<<"$series"
  for n in $sizes; do
    growth_hcl "$kind" "$n" >"$WORK/growth/main.tf"
    applies=(); plans=(); loads=(); apply_cpu=(); plan_cpu=()
    mem_sampler_start "$kind-$n"
    for i in $(seq "$GROWTH_RUNS"); do
      loads+=("$(load1)")
      a=$(growth_step "growth-$kind-$n-apply-$i" apply -auto-approve)
      p=
      [ -z "$a" ] || p=$(growth_step "growth-$kind-$n-plan-$i" plan -detailed-exitcode)
      growth_reset
      [ -n "$a" ] && [ -n "$p" ] || break
      applies+=("$a"); plans+=("$p")
      apply_cpu+=("$(cpu_seconds "growth-$kind-$n-apply-$i")"); plan_cpu+=("$(cpu_seconds "growth-$kind-$n-plan-$i")")
    done
    read -r provider_mb agent_mb _ < <(mem_sampler_stop "$kind-$n")
    if [ "${#plans[@]}" -lt "$GROWTH_RUNS" ]; then
      echo "growth: $kind $n did not finish within ${GROWTH_TIMEOUT} s per step (or failed); see the growth-$kind-$n logs" >&2
      csv_row "$GROWTH_CSV" "$kind" "$n" "> $((GROWTH_TIMEOUT * 1000))" "" "" "" "" "" "$provider_mb" "$agent_mb" \
        "$GROWTH_RUNS" "$(printf '%s\n' "${loads[@]}" | mean)"
      break
    fi
    m_a=$(printf '%s\n' "${applies[@]}" | median)
    m_p=$(printf '%s\n' "${plans[@]}" | median)
    echo "growth: $kind $n: apply $m_a ms, plan $m_p ms, peak provider $provider_mb MB, agent $agent_mb MB" >&2
    csv_row "$GROWTH_CSV" "$kind" "$n" "$m_a" "$m_p" \
      "$(awk -v t="$m_a" -v n="$n" 'BEGIN {printf "%.0f", t * 1000 / n}')" \
      "$(awk -v t="$m_p" -v n="$n" 'BEGIN {printf "%.0f", t * 1000 / n}')" \
      "$(printf '%s\n' "${apply_cpu[@]}" | median)" "$(printf '%s\n' "${plan_cpu[@]}" | median)" \
      "$provider_mb" "$agent_mb" "$GROWTH_RUNS" "$(printf '%s\n' "${loads[@]}" | mean)"
  done
done
peak_provider=$(awk -F'","' 'NR > 1 {if ($9 + 0 > m) m = $9 + 0} END {print m + 0}' "$GROWTH_CSV")
peak_agent=$(awk -F'","' 'NR > 1 {if ($10 + 0 > m) m = $10 + 0} END {print m + 0}' "$GROWTH_CSV")
add_row "peak memory (VmHWM), provider JVM, largest growth case" "$peak_provider" MB "" "" "" "" "" "$GROWTH_RUNS" \
  "$(load1)" "largest peak over all growth points; per point in growth.csv"
add_row "peak memory (VmHWM), agent JVM, largest growth case" "$peak_agent" MB "" "" "" "" "" "$GROWTH_RUNS" \
  "$(load1)" "largest peak over all growth points; per point in growth.csv"
