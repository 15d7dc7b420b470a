package io.nftkeeper.framework.internal.plugin;

/** The provider was started in a way it cannot serve; the message is a sentence for a human. */
public final class LaunchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
