package io.nftkeeper.cli;

import io.nftkeeper.protocol.NftkeeperException;

/** A problem the user can fix (bad input file, missing flag); the message is printed as is, without a stack trace. */
public class CliException extends NftkeeperException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
