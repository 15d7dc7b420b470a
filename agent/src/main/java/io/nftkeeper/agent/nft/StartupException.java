package io.nftkeeper.agent.nft;

import io.nftkeeper.protocol.NftkeeperException;

/** The agent cannot start; the message tells the operator what to do, the exit code tells scripts. */
public final class StartupException extends NftkeeperException {
    private static final long serialVersionUID = 1L;

    public static final int EXIT_USAGE = 2;
    public static final int EXIT_LIBRARY_MISSING = 3;

    private final int exitCode;

    public StartupException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public StartupException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
