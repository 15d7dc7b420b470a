# Section of bench/run: provider start -> handshake line, with and without the AppCDS archive and on the release's
# bundled runtime, vs `java -version`; the bundled runtime also vs the system JDK without an archive.
out=$(bench/handshake.sh "$RUNS" 2>&1 | tee "$LOG_DIR/handshake.log" | tail -n 1)
# "median of 5 runs (load 1.2): handshake 271 ms with AppCDS (457 ms without; 380 ms on the bundled runtime);
#  java -version 39 ms; ratios ..."
read -r hs_cds hs_plain hs_bundled hs_java hs_load < <(sed -E \
  's/.*\(load ([0-9.]+)\): handshake ([0-9.]+) ms with AppCDS \(([0-9.]+) ms without; ([0-9.]+) ms on the bundled runtime\); java -version ([0-9.]+) ms.*/\2 \3 \4 \5 \1/' \
  <<<"$out")
[ -n "$hs_java" ] || die "bench/handshake.sh printed no medians: $out"
hs_resident=$(sed -nE 's/.*; resident server ([0-9.]+) ms$/\1/p' <<<"$out")
add_row "provider start -> handshake line (AppCDS archive)" "$hs_cds" ms "java -version" "$hs_java" \
  "$(ratio "$hs_cds" "$hs_java")" "<= 400 ms absolute" "$(verdict "$hs_cds" "<=" 400)" "$RUNS" "$hs_load" \
  "launched as Terraform does (AutoMTLS)"
add_row "provider start -> handshake line (no archive)" "$hs_plain" ms "java -version" "$hs_java" \
  "$(ratio "$hs_plain" "$hs_java")" "" "" "$RUNS" "$hs_load" "what a user gets without scripts/install-provider"
add_row "provider start -> handshake line (bundled jlink runtime, release zip)" "$hs_bundled" ms \
  "system JDK, no archive" "$hs_plain" "$(ratio "$hs_bundled" "$hs_plain")" "" "" "$RUNS" "$hs_load" \
  "what terraform init from the network mirror installs; no AppCDS archive (jar path unknown at release)"
add_row "plugin start -> handshake line, session of the resident provider server" "$hs_resident" ms "java -version" \
  "$hs_java" "$(ratio "$hs_resident" "$hs_java")" "" "" "$RUNS" "$hs_load" \
  "the default on Linux: the launcher connects to the warm server instead of starting a JVM"
