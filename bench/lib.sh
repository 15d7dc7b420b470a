# Shared by bench/run and the parts it sources: timing, medians, the report rows, sandbox fleets, terraform
# working directories and the peak-memory sampler. Source it; do not run it.

source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
load1() { cut -d' ' -f1 /proc/loadavg; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "NaN"; else print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b == 0) print "NaN"; else printf "%.2f", a / b}'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN {print a - b}'; }
# mean of the load averages sampled during a figure's runs, so each figure carries the load it was measured under
mean() { awk '{s += $1} END {if (NR) printf "%.2f", s / NR; else print "NaN"}'; }

# Runs "$@" with output to $LOG_DIR/$1-<n>.log (first word is the log name), prints the wall time in ms.
# A failing command fails the benchmark: a figure from a run that did not do its work would be meaningless.
timed() {
  local name=$1; shift
  local log="$LOG_DIR/$name.log" start end
  start=$(now_ms)
  if ! "$@" >>"$log" 2>&1; then
    echo "benchmark step '$name' failed (command: $*); its output:" >&2
    tail -n 40 "$log" >&2
    return 1
  fi
  end=$(now_ms)
  echo $((end - start))
}

# csv_row FILE FIELD... -> one quoted CSV line appended to FILE
csv_row() {
  local file=$1; shift
  local IFS=, fields=() f
  for f in "$@"; do fields+=("\"${f//\"/\"\"}\""); done
  echo "${fields[*]}" >>"$file"
}

# add_row FIGURE VALUE UNIT BASELINE BASELINE_VALUE RATIO TARGET VERDICT RUNS LOAD NOTES
# One line of results.csv (the report's table is rendered from it at the end).
add_row() { csv_row "$RESULTS_CSV" "$@"; }

# verdict VALUE OP LIMIT -> met / NOT met
verdict() { awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {ok = (op == "<=") ? v <= l : v >= l; print ok ? "met" : "NOT met"}'; }

# ---- sandbox fleets ------------------------------------------------------------------------------------------
# Sandbox names used by this run are recorded before each start, so the EXIT trap removes also half-started ones.
FLEET_NAMES_FILE=
fleet_up() {  # fleet_up PREFIX COUNT -> appends "name address host_key" lines to $WORK/fleet.txt
  local prefix=$1 count=$2 i
  for i in $(seq 0 $((count - 1))); do echo "$prefix$i" >>"$FLEET_NAMES_FILE"; done
  seq 0 $((count - 1)) | xargs -P 8 -I{} bash -c '
      out=$("$0" up "$1{}") || { echo "sandbox $1{} did not start" >&2; exit 1; }
      addr=$(sed -n "s/^address=//p" <<<"$out"); key=$(sed -n "s/^host_key=//p" <<<"$out")
      keys=$(sed -n "s/^private_key=//p" <<<"$out")
      cat "$2.pub" >>"$(dirname "$keys")/authorized_keys"
      echo "$1{} $addr $key" >"$3/fleet.$1{}"
    ' "$REPO_ROOT/scripts/sandbox-host" "$prefix" "$OPERATOR_KEY" "$WORK"
  for i in $(seq 0 $((count - 1))); do cat "$WORK/fleet.$prefix$i"; done >>"$WORK/fleet.txt"
  awk '{print $2, $3, $4}' "$WORK/fleet.txt" >"$WORK/known_hosts"
}

fleet_down() {
  [ -n "$FLEET_NAMES_FILE" ] && [ -f "$FLEET_NAMES_FILE" ] || return 0
  xargs -P 8 -I{} "$REPO_ROOT/scripts/sandbox-host" down {} <"$FLEET_NAMES_FILE" >/dev/null 2>&1 || true
}

# address of the Nth host of the fleet (0-based), and its network namespace
host_address() { sed -n "$(($1 + 1))p" "$WORK/fleet.txt" | awk '{print $2}'; }
host_netns() { echo "nk-$(sed -n "$(($1 + 1))p" "$WORK/fleet.txt" | awk '{print $1}')"; }

# ssh to the Nth host with the operator key, as an operator without nftkeeper would
host_ssh() {
  local n=$1; shift
  ssh -q -i "$OPERATOR_KEY" -o UserKnownHostsFile="$WORK/known_hosts" -o StrictHostKeyChecking=yes \
    -o BatchMode=yes "root@$(host_address "$n")" "$@"
}

# ---- the agent on a host -----------------------------------------------------------------------------------------
# The agent JVMs of the Nth sandbox: processes whose command line runs an nftkeeper-agent-<sha256>.jar and that live
# in that sandbox's network namespace (the agent is started through the sandbox's sshd, detached or not) or carry
# its state directory (the sshd's SetEnv NFTKEEPER_STATE_DIR), so other sandboxes' and other helpers' agents are
# never counted. Prints one pid a line, nothing when none runs.
agent_pids() {
  local name netns state pid
  name=$(sed -n "$(($1 + 1))p" "$WORK/fleet.txt" | awk '{print $1}')
  netns="net:[$(stat -L -c %i "/run/netns/nk-$name")]"
  state="NFTKEEPER_STATE_DIR=/run/nftkeeper-sandbox/$name/agent-state"
  for pid in $(pgrep -f 'nftkeeper-agent-[0-9a-f]*[.]jar'); do
    if [ "$(readlink "/proc/$pid/ns/net" 2>/dev/null)" = "$netns" ] \
      || tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "$state"; then
      echo "$pid"
    fi
  done
  return 0
}

# Stops every agent of the Nth sandbox (SIGTERM by pid, SIGKILL after 10 s) and waits until none is left.
agent_stop() {
  local pids pid tries=0
  pids=$(agent_pids "$1")
  [ -n "$pids" ] || return 0
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  while [ -n "$(agent_pids "$1")" ]; do
    tries=$((tries + 1))
    if [ "$tries" -eq 50 ]; then for pid in $(agent_pids "$1"); do kill -KILL "$pid" 2>/dev/null || true; done; fi
    [ "$tries" -lt 100 ] || die "the agent of sandbox $1 did not exit"
    sleep 0.2
  done
}

# proc_status_kb PID FIELD -> the field of /proc/PID/status in kB (VmRSS, VmHWM), empty when the process is gone
proc_status_kb() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status" 2>/dev/null || true; }
# proc_cpu_ticks PID -> utime + stime in clock ticks (fields 14 and 15 of /proc/PID/stat, counted after the
# command name, which may hold spaces)
proc_cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $12 + $13}'; }

# The resident provider servers of this run's install (docs/guides/resident-provider.md): terraform's plugin
# processes are sessions of them, so their CPU is not terraform's children's.
provider_server_pids() { pgrep -f -- "-jar $WORK/mirror/.*nftkeeper-provider[.]jar --resident" || true; }
# provider_server_ticks -> utime + stime of those servers, in clock ticks
provider_server_ticks() {
  local pid sum=0
  for pid in $(provider_server_pids); do sum=$((sum + $(proc_cpu_ticks "$pid"))); done
  echo "$sum"
}
# Stops them (bench/run's cleanup): they would exit by themselves once the install is removed.
provider_servers_stop() {
  local launcher
  for launcher in "$WORK"/mirror/registry.terraform.io/nftkeeper/nftables/*/*/terraform-provider-nftables_v*; do
    [ -x "$launcher" ] && "$launcher" --stop-resident
  done
  return 0
}

# ---- terraform ---------------------------------------------------------------------------------------------------
provider_block() {
  cat <<HCL
terraform {
  required_providers {
    nftables = { source = "nftkeeper/nftables" }
  }
}

provider "nftables" {
  user             = "root"
  private_key_file = "$OPERATOR_KEY"
  known_hosts_file = "$WORK/known_hosts"
  agent_dir        = "$WORK/agent"$([ "${BENCH_LOCKOUT:-on}" = off ] && printf '\n  lockout_protection = { enabled = false }')
}
HCL
}

# tf_dir NAME -> a fresh, initialised terraform working directory; the caller writes main.tf into it first
tf_init() { terraform -chdir="$1" init -input=false -no-color >"$LOG_DIR/init-$(basename "$1").log" 2>&1; }
tf() { local dir=$1; shift; terraform -chdir="$dir" "$@" -input=false -no-color -lock=false; }

# ---- peak memory -------------------------------------------------------------------------------------------------
# Samples VmHWM (peak resident set) of the provider and agent JVMs every 200 ms into $WORK/hwm.<label>. The kernel
# keeps the peak, so the last sample before a process exits is its peak up to then. Cheap on purpose (two pgrep
# forks per sample): it runs around the growth cases, and around the bigset section (whose ratios are minutes long).
MEM_SAMPLER_PID=
mem_sampler_start() {  # mem_sampler_start LABEL [TERRAFORM_DIR]: with a dir, also terraform run with -chdir=DIR
  local label=$1 tf_dir=${2:-}
  : >"$WORK/hwm.$label"
  (
    while :; do
      for role in provider agent terraform; do
        # only this run's processes: other provider and agent JVMs on the machine are not ours to count
        case $role in
          provider) pattern="$WORK/mirror/.*nftkeeper-provider[.]jar" ;;
          agent) pattern="$WORK/agent/nftkeeper-agent-" ;;
          terraform) [ -n "$tf_dir" ] || continue; pattern="^terraform -chdir=$tf_dir" ;;
        esac
        for pid in $(pgrep -f "$pattern"); do
          # the process may exit between pgrep and here
          { while read -r key kb _; do
            [ "$key" = VmHWM: ] && echo "$role $pid $kb" >>"$WORK/hwm.$label"
          done <"/proc/$pid/status"; } 2>/dev/null || true
        done
      done
      sleep 0.2
    done
  ) &
  MEM_SAMPLER_PID=$!
}

# prints "provider_MB agent_MB terraform_MB" (largest peak of any process of each role; terraform 0 unless sampled)
mem_sampler_stop() {
  local label=$1
  if [ -n "$MEM_SAMPLER_PID" ]; then
    kill "$MEM_SAMPLER_PID" 2>/dev/null || true
    wait "$MEM_SAMPLER_PID" 2>/dev/null || true
  fi
  MEM_SAMPLER_PID=
  awk '{if ($3 > max[$1]) max[$1] = $3} END {printf "%d %d %d\n", max["provider"] / 1024, max["agent"] / 1024, max["terraform"] / 1024}' \
    "$WORK/hwm.$label"
}
