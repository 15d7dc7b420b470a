package io.nftkeeper.protocol.wire;

/**
 * {@code {"code": "NOT_FOUND", "object": "table inet web", "message": "...", "command": 2}}; object may be null.
 * {@code command} is the 0-based index of the transaction's command that failed, whose object {@code object}
 * describes; null when the error is not about one command of a transaction, or the agent could not tell which.
 */
public record ErrorBody(ErrorCode code, String object, String message, Integer command) {

    public ErrorBody(ErrorCode code, String object, String message) {
        this(code, object, message, null);
    }
}
