# Section of bench/run: the agent against exec'ing `nft -f` (bench/agent/run, owned by the agent; invoked as is).
agent_load=$(load1)
bench/agent/run "$RUNS" >"$LOG_DIR/agent.log" 2>&1 || die "bench/agent/run failed; see $LOG_DIR/agent.log"
agent_summary=$(grep -i "median" "$LOG_DIR/agent.log" | tail -n 3)
add_row "agent (bench/agent/run): see its summary" "" "" "exec'ing nft -f" "" "" \
  "one rule >= 10x faster; 100k set <= 1.3x" "" "$RUNS" "$agent_load" "$(tr '\n' ' ' <<<"$agent_summary")"
