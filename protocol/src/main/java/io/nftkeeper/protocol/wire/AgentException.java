package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.NftkeeperException;

/**
 * A call to the agent failed; {@link #object()} names what it failed on, e.g. {@code table inet web}, or is null;
 * {@link #command()} is the index of the transaction's command that failed, when the agent could tell.
 */
public final class AgentException extends NftkeeperException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String object;
    private final Integer command;

    public AgentException(ErrorCode code, String object, String message) {
        this(code, object, message, (Throwable) null);
    }

    public AgentException(ErrorCode code, String object, String message, Throwable cause) {
        this(code, object, null, message, cause);
    }

    /** An error about the {@code command}th (from 0) command of a transaction, whose object is {@code object}. */
    public AgentException(ErrorCode code, String object, Integer command, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.object = object;
        this.command = command;
    }

    public static AgentException from(ErrorBody error) {
        return new AgentException(error.code(), error.object(), error.command(), error.message(), null);
    }

    public ErrorCode code() {
        return code;
    }

    public String object() {
        return object;
    }

    /** The 0-based index of the failing command of a transaction; empty when unknown or not about a command. */
    public java.util.OptionalInt command() {
        return command == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(command);
    }

    public ErrorBody toErrorBody() {
        return new ErrorBody(code, object, getMessage(), command);
    }
}
