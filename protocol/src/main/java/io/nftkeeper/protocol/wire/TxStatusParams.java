package io.nftkeeper.protocol.wire;

/** Asks whether the transaction with this client-generated id was committed. */
public record TxStatusParams(String txId) {}
