package io.nftkeeper.protocol.wire;

/** {@code kind}: {@value WireProtocol#MONITOR_RULESET} or {@value WireProtocol#MONITOR_TRACE}. */
public record MonitorParams(String kind) {}
