package io.nftkeeper.protocol.wire;

/** Ends the stream started by the request with this {@code id} (e.g. a monitor). */
public record CancelParams(long id) {}
