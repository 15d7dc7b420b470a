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

    public TransportException(String message) {
        this(message, false, null);
    }

    public TransportException(String message, Throwable cause) {
        this(message, false, cause);
    }

    public TransportException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** True when trying again later may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }
}
