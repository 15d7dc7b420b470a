package io.nftkeeper.protocol.live;

/** A named counter and what it has counted. */
public record LiveCounter(String name, long packets, long bytes) {}
