package io.nftkeeper.protocol.wire;

/** Keeps a transaction applied with a confirm timeout; {@code lockTimeoutMs} as in {@link ApplyParams}. */
public record ConfirmParams(String txId, Long lockTimeoutMs) {

    public ConfirmParams(String txId) {
        this(txId, null);
    }
}
