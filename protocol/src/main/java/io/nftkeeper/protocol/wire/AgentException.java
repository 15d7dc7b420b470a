package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.NftkeeperException;

/** A call to the agent failed; {@link #object()} names what it failed on, e.g. {@code table inet web}, or is null. */
public final class AgentException extends NftkeeperException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String object;

    public AgentException(ErrorCode code, String object, String message) {
        super(message);
        this.code = code;
        this.object = object;
    }

    public AgentException(ErrorCode code, String object, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.object = object;
    }

    public static AgentException from(ErrorBody error) {
        return new AgentException(error.code(), error.object(), error.message());
    }

    public ErrorCode code() {
        return code;
    }

    public String object() {
        return object;
    }

    public ErrorBody toErrorBody() {
        return new ErrorBody(code, object, getMessage());
    }
}
