package io.nftkeeper.protocol.wire;

public record HelloResult(int protocolVersion, String agentVersion, String nftVersion, String hostname) {}
