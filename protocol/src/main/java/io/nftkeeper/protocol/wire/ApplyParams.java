package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.Transaction;

public record ApplyParams(Transaction transaction) {
}
