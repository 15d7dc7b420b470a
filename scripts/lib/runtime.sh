# Trimmed Java runtimes for what we ship: the modules jdeps finds in the jars, nothing else. Used by scripts/release
# for the provider and the CLI; meant for the agent as well (one call, another jar). Source it; do not run it.
# Needs scripts/lib/common.sh sourced first.

# The JDK whose tools (and jmods) build the runtime: JAVA_HOME if set, else the one javac on PATH belongs to.
jdk_tool() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/$1" ]; then
    echo "$JAVA_HOME/bin/$1"
  else
    command -v "$1" || die "$1 not found: install a JDK 17 (openjdk-17-jdk-headless)"
  fi
}

# Module services (no static reference jdeps could follow) that every runtime of ours needs: SunEC, the provider of
# EC keys, ECDHE, X25519 and Ed25519, for Terraform's AutoMTLS and for SSH.
RUNTIME_SERVICE_MODULES=jdk.crypto.ec

# jlink_runtime OUTPUT_DIR JAR... -> a runtime in OUTPUT_DIR (replaced) that runs JAR(s) with `bin/java -jar`.
# Extra modules jdeps cannot see: EXTRA_MODULES (comma-separated) in the environment.
jlink_runtime() {
  local output=$1; shift
  local modules
  modules=$("$(jdk_tool jdeps)" --ignore-missing-deps --print-module-deps --multi-release 17 "$@") \
    || die "jdeps could not list the modules of $*"
  modules="$modules,$RUNTIME_SERVICE_MODULES${EXTRA_MODULES:+,$EXTRA_MODULES}"
  rm -rf "$output"
  # --generate-cds-archive: the class-data archive of the runtime's own classes, valid wherever the runtime is
  # unpacked; the second copy jlink writes is for heaps over 32 GB (no compressed oops), which we never run.
  "$(jdk_tool jlink)" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
    --generate-cds-archive --output "$output" >/dev/null || die "jlink failed for modules $modules"
  rm -f "$output/lib/server/classes_nocoops.jsa"
  echo "$modules"
}
