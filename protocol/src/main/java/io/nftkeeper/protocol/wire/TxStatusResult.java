package io.nftkeeper.protocol.wire;

/**
 * {@code committed}: the agent committed a transaction with this id (among the last 1000 it remembers).
 * {@code pendingConfirm}: it was applied with a confirm timeout and is not confirmed yet.
 * {@code rolledBack}: it was not confirmed in time and its tables were restored.
 */
public record TxStatusResult(boolean committed, boolean pendingConfirm, boolean rolledBack) {

    public static TxStatusResult unknown() {
        return new TxStatusResult(false, false, false);
    }
}
