package io.nftkeeper.protocol.wire;

/** {@code client} names the caller, e.g. {@code nftkeeper-provider/0.1.0}. */
public record HelloParams(int protocolVersion, String client) {}
