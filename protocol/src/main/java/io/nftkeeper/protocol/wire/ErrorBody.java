package io.nftkeeper.protocol.wire;

/** {@code {"code": "NOT_FOUND", "object": "table inet web", "message": "..."}}; object may be null. */
public record ErrorBody(ErrorCode code, String object, String message) {
}
