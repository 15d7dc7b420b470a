package io.nftkeeper.transport;

import io.nftkeeper.protocol.NftkeeperException;

/**
 * Reaching a host or its agent failed: unreachable, authentication, host key, bootstrap. The message names the host
 * and says what to do; it never contains key material. A transient failure (refused, timed out, connection lost)
 * may succeed when tried again; the others (wrong key, wrong host key, missing java) will not.
 */
public final class TransportException extends NftkeeperException {
    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;
    private final boolean hostKeyRefused;

    public TransportException(String message) {
        this(message, false, null);
    }

    public TransportException(String message, Throwable cause) {
        this(message, false, cause);
    }

    public TransportException(String message, boolean transientFailure, Throwable cause) {
        this(message, transientFailure, cause, false);
    }

    private TransportException(String message, boolean transientFailure, Throwable cause, boolean hostKeyRefused) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.hostKeyRefused = hostKeyRefused;
    }

    /**
     * The server's host key was refused: never tried again (not even by another call of the same provider process),
     * since only a change of the host or of its expected key can make it pass.
     */
    public static TransportException hostKeyRefused(String message, Throwable cause) {
        return new TransportException(message, false, cause, true);
    }

    /** This failure again, for a caller that shares it without trying again itself: never transient to it. */
    TransportException repeated() {
        return new TransportException(getMessage(), false, this, hostKeyRefused);
    }

    public boolean isHostKeyRefused() {
        return hostKeyRefused;
    }

    /** True when trying again later may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }
}
