# Part of bench/run: renders results.csv (and growth.csv, the agent's own summary) as report.md.

# csv_to_markdown FILE -> the CSV (as written by csv_row: every field quoted, no '","' inside) as a markdown table
csv_to_markdown() {
  awk '{
    line = substr($0, 2, length($0) - 2); n = split(line, f, "\",\"")
    row = "|"; for (i = 1; i <= n; i++) { gsub(/\|/, "\\|", f[i]); gsub(/""/, "\"", f[i]); row = row " " f[i] " |" }
    print row
    if (NR == 1) { sep = "|"; for (i = 1; i <= n; i++) sep = sep "---|"; print sep }
  }' "$1"
}

write_report() {
  local version=$1 load_at_start=$2 seconds=$3
  {
    echo "# nftkeeper benchmark report"
    echo
    echo "Run $(date -u +'%Y-%m-%d %H:%M UTC') by \`bench/run --runs $RUNS --only \"$ONLY\"\` in ${seconds} s;" \
      "provider $version, commit $(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
      "(plus uncommitted changes: $(git -C "$REPO_ROOT" status --porcelain 2>/dev/null | wc -l) files)."
    echo
    echo "Machine: $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1))," \
      "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), kernel $(uname -r)," \
      "$(java -version 2>&1 | head -n 1), $(nft --version), $(terraform version | head -n 1)."
    echo "Load average at start: $load_at_start. Every figure is the median of the runs shown, each run a whole"
    echo "process tree (terraform, provider, SSH, agent), and each ratio is against a baseline measured in the same"
    echo "run, interleaved with it. \`load_avg\` is the mean 1-minute load average sampled before each run of that figure."
    echo
    csv_to_markdown "$RESULTS_CSV"
    if [ -f "$OUT/growth.csv" ]; then
      echo
      echo "## Growth (1 host; apply from empty, then plan with refresh and nothing to change)"
      echo
      csv_to_markdown "$OUT/growth.csv"
    fi
    if [ -f "$LOG_DIR/agent.log" ]; then
      echo
      echo "## Agent (bench/agent/run, its own output)"
      echo
      echo '```'
      cat "$LOG_DIR/agent.log"
      echo '```'
    fi
    echo
    echo "Raw logs of every step: \`logs/\` next to this report."
  } >"$OUT/report.md"
}
