#!/usr/bin/env bash
# Provider start-up: process start -> handshake line on stdout, launched the way Terraform launches it (AutoMTLS
# on): in a JVM of its own (NFTKEEPER_PROVIDER_RESIDENT=0) on the system JDK with and without the AppCDS archive that
# scripts/install-provider records, and as a release zip ships it (the jlink runtime of scripts/release beside the
# jar, with that runtime's own CDS archive); and as a session of the resident provider server (the default on
# Linux), against `java -version` measured in the same run as the baseline. Prints each run and the medians.
# Usage: bench/handshake.sh [RUNS]   (needs a built provider: mvn -B -DskipTests package)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
source "$REPO_ROOT/scripts/lib/runtime.sh"
unset NFTKEEPER_JAVA   # it would take precedence over the runtime under test
runs=${1:-5}
work=$(mktemp -d)
trap '"$plugin" --stop-resident; rm -rf "$work"' EXIT
"$REPO_ROOT/scripts/install-provider" "$work/mirror" >/dev/null
plugin=$(ls "$work"/mirror/registry.terraform.io/nftkeeper/nftables/*/linux_amd64/terraform-provider-nftables_v*)
archive=$(dirname "$plugin")/nftkeeper-provider.jsa
[ -f "$archive" ] || die "scripts/install-provider recorded no class archive"
# The release layout: launcher, jar and runtime/, no AppCDS archive (scripts/release says why).
mkdir "$work/release"
cp "$plugin" "$(dirname "$plugin")/nftkeeper-provider.jar" "$work/release/"
jlink_runtime "$work/release/runtime" "$(dirname "$plugin")/nftkeeper-provider.jar" >/dev/null
bundled=$work/release/$(basename "$plugin")
keytool -genkeypair -keyalg EC -groupname secp256r1 -alias terraform -dname CN=terraform -validity 1 \
  -storepass benchmark -keystore "$work/client.p12" >/dev/null 2>&1
keytool -exportcert -rfc -alias terraform -storepass benchmark -keystore "$work/client.p12" -file "$work/client.pem" >/dev/null 2>&1

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

handshake_ms() {  # handshake_ms [PLUGIN]
  local start line pid executable=${1:-$plugin}
  start=$(now_ms)
  exec 3< <(exec env TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2 \
    PLUGIN_PROTOCOL_VERSIONS=5,6 PLUGIN_MIN_PORT=10000 PLUGIN_MAX_PORT=25000 \
    NFTKEEPER_PROVIDER_RESIDENT="${RESIDENT:-0}" \
    PLUGIN_CLIENT_CERT="$(cat "$work/client.pem")" "$executable" 2>/dev/null)
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

# warm the page cache once and start the resident server; not counted
handshake_ms >/dev/null; handshake_ms "$bundled" >/dev/null; RESIDENT=1 handshake_ms >/dev/null
cds=(); plain=(); own=(); res=(); jv=()
for i in $(seq "$runs"); do
  cds+=("$(handshake_ms)")
  mv "$archive" "$archive.off"; plain+=("$(handshake_ms)"); mv "$archive.off" "$archive"
  own+=("$(handshake_ms "$bundled")")
  res+=("$(RESIDENT=1 handshake_ms)")
  jv+=("$(java_version_ms)")
  echo "run $i: handshake ${cds[-1]} ms (AppCDS), ${plain[-1]} ms (no archive), ${own[-1]} ms (bundled runtime)," \
    "${res[-1]} ms (resident server); java -version ${jv[-1]} ms"
done
m_cds=$(printf '%s\n' "${cds[@]}" | median)
m_plain=$(printf '%s\n' "${plain[@]}" | median)
m_own=$(printf '%s\n' "${own[@]}" | median)
m_res=$(printf '%s\n' "${res[@]}" | median)
m_jv=$(printf '%s\n' "${jv[@]}" | median)
ratio() { awk "BEGIN {printf \"%.2f\", $1 / $2}"; }
echo "median of $runs runs (load $(cut -d' ' -f1 /proc/loadavg)): handshake ${m_cds} ms with AppCDS" \
  "(${m_plain} ms without; ${m_own} ms on the bundled runtime); java -version ${m_jv} ms;" \
  "ratios $(ratio "$m_cds" "$m_jv")x and $(ratio "$m_plain" "$m_jv")x; bundled/system JDK" \
  "$(ratio "$m_own" "$m_plain")x without AppCDS, $(ratio "$m_own" "$m_cds")x with; resident server ${m_res} ms"
