package io.nftkeeper.protocol.wire;

/** {@code script} is the exact nft text the agent ran. */
public record ApplyResult(String script) {
}
