package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.Transaction;

/**
 * {@code lockTimeoutMs} bounds how long the agent waits for the host-wide lock when another apply holds it
 * (null: the agent's default, 30 s); past it the call fails with {@link ErrorCode#LOCKED}.
 * {@code txId} (optional, client-generated, e.g. a UUID) makes retries safe: the agent remembers the ids of the last
 * 1000 committed transactions and answers a repeated id with success ({@link ApplyResult#replayed()}) without
 * running it again. {@code confirmTimeoutSeconds} (optional, needs a txId) makes the commit provisional: unless
 * {@code confirm} arrives in time, the agent restores the touched tables as they were before. With {@code readBack}
 * the answer also carries the listings of the tables the transaction touched, as {@code list} would give them right
 * after it ({@link ApplyResult#tables()}): the read-back costs no second round trip. Absent is false.
 */
public record ApplyParams(
        Transaction transaction, Long lockTimeoutMs, String txId, Long confirmTimeoutSeconds, Boolean readBack) {

    public ApplyParams {
        readBack = Boolean.TRUE.equals(readBack) ? Boolean.TRUE : null;
    }

    public ApplyParams(Transaction transaction) {
        this(transaction, null, null, null);
    }

    public ApplyParams(Transaction transaction, Long lockTimeoutMs, String txId, Long confirmTimeoutSeconds) {
        this(transaction, lockTimeoutMs, txId, confirmTimeoutSeconds, null);
    }

    /** The same apply, answered with the touched tables' listings. */
    public ApplyParams withReadBack() {
        return new ApplyParams(transaction, lockTimeoutMs, txId, confirmTimeoutSeconds, true);
    }

    public boolean readsBack() {
        return readBack != null;
    }

    public ApplyParams(Transaction transaction, Long lockTimeoutMs) {
        this(transaction, lockTimeoutMs, null, null);
    }

    public ApplyParams(Transaction transaction, Long lockTimeoutMs, String txId) {
        this(transaction, lockTimeoutMs, txId, null);
    }
}
