#!/usr/bin/env bash
# Provider start-up (process start -> handshake line, AutoMTLS on) through the real launcher, without and with an
# AppCDS archive (Java 17 dynamic archive: -XX:ArchiveClassesAtExit once, -XX:SharedArchiveFile afterwards).
# The launcher honours NFTKEEPER_JAVA, so the AppCDS runs use a java wrapper and change no installed file.
# Usage: bench/framework-startup.sh [RUNS]   (needs a built provider: mvn -B -DskipTests install)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
runs=${1:-7}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$REPO_ROOT/scripts/install-provider" "$work/mirror" >/dev/null
plugin=$(ls "$work"/mirror/registry.terraform.io/nftkeeper/nftables/*/linux_amd64/terraform-provider-nftables_v*)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=terraform -days 1 \
  -keyout "$work/client.key" -out "$work/client.pem" 2>/dev/null

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# prints milliseconds to the handshake line; JAVA_WRAPPER (optional) replaces `java` in the launcher
handshake_ms() {
  local start line pid
  start=$(now_ms)
  exec 3< <(exec env NFTKEEPER_JAVA="${JAVA_WRAPPER:-java}" \
    TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2 \
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

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

measure() {
  local label=$1 all=()
  handshake_ms >/dev/null   # warm the page cache once; not counted
  for _ in $(seq "$runs"); do all+=("$(handshake_ms)"); done
  echo "$label: ${all[*]} ms -> median $(printf '%s\n' "${all[@]}" | median) ms"
}

measure "launcher as installed"

# what an install step would do once: run to the handshake with ArchiveClassesAtExit, let the JVM write the archive
printf '#!/bin/sh\nexec java -XX:ArchiveClassesAtExit=%s "$@"\n' "$work/provider.jsa" > "$work/java-dump"
printf '#!/bin/sh\nexec java -XX:SharedArchiveFile=%s "$@"\n' "$work/provider.jsa" > "$work/java-cds"
chmod +x "$work/java-dump" "$work/java-cds"
JAVA_WRAPPER="$work/java-dump" handshake_ms >/dev/null
for _ in $(seq 50); do [ -s "$work/provider.jsa" ] && break; sleep 0.1; done
[ -s "$work/provider.jsa" ] || die "the JVM wrote no AppCDS archive"
JAVA_WRAPPER="$work/java-cds" measure "launcher + AppCDS archive"
echo "java -version: $( s=$(now_ms); java -version 2>/dev/null; echo $(( $(now_ms) - s )) ) ms"
