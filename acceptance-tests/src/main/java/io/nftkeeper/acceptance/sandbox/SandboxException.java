package io.nftkeeper.acceptance.sandbox;

/** A sandbox host could not be started, stopped or driven; the message carries the command's own output. */
public final class SandboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
