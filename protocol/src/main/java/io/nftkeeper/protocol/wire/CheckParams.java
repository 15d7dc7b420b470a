package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.Transaction;

/** The transaction to dry-run; the same shape as {@link ApplyParams} (a lock timeout there is ignored here). */
public record CheckParams(Transaction transaction) {
}
