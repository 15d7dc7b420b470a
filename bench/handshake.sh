#!/usr/bin/env bash
# Provider start-up: process start -> handshake line on stdout, the way Terraform launches it (AutoMTLS on),
# against `java -version` measured in the same run as the baseline. Prints each run and the medians.
# Usage: bench/handshake.sh [RUNS]   (needs a built provider: mvn -B -DskipTests package)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
runs=${1:-5}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
scripts_dir="$REPO_ROOT/scripts"
"$scripts_dir/install-provider" "$work/mirror" >/dev/null
plugin=$(ls "$work"/mirror/registry.terraform.io/nftkeeper/nftables/*/linux_amd64/terraform-provider-nftables_v*)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=terraform -days 1 \
  -keyout "$work/client.key" -out "$work/client.pem" 2>/dev/null

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

handshake_ms() {
  local start line pid
  start=$(now_ms)
  exec 3< <(exec env TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2 \
    PLUGIN_PROTOCOL_VERSIONS=5,6 PLUGIN_MIN_PORT=10000 PLUGIN_MAX_PORT=25000 \
    PLUGIN_CLIENT_CERT="$(cat "$work/client.pem")" "$plugin" 2>/dev/null)
  pid=$!
  read -r line <&3
  echo $(( $(now_ms) - start ))
  kill "$pid" 2>/dev/null || true
  exec 3<&-
  wait "$pid" 2>/dev/null || true
  case "$line" in 1\|6\|tcp\|127.0.0.1:*\|grpc\|?*) ;; *) die "unexpected handshake line: $line" ;; esac
}

java_version_ms() {
  local start; start=$(now_ms); java -version 2>/dev/null; echo $(( $(now_ms) - start ))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

handshake_ms >/dev/null   # warm the page cache once; not counted
hs=(); jv=()
for i in $(seq "$runs"); do
  hs+=("$(handshake_ms)"); jv+=("$(java_version_ms)")
  echo "run $i: handshake ${hs[-1]} ms, java -version ${jv[-1]} ms"
done
hs_median=$(printf '%s\n' "${hs[@]}" | median)
jv_median=$(printf '%s\n' "${jv[@]}" | median)
echo "median over $runs runs: handshake ${hs_median} ms, java -version ${jv_median} ms, ratio $(awk "BEGIN {printf \"%.2f\", $hs_median / $jv_median}")"
