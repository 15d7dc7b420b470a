package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.Transaction;

/**
 * {@code lockTimeoutMs} bounds how long the agent waits for the host-wide lock when another apply holds it
 * (null: the agent's default, 30 s); past it the call fails with {@link ErrorCode#LOCKED}.
 */
public record ApplyParams(Transaction transaction, Long lockTimeoutMs) {

    public ApplyParams(Transaction transaction) {
        this(transaction, null);
    }
}
