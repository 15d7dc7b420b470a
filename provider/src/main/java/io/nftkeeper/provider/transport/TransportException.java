package io.nftkeeper.provider.transport;

import io.nftkeeper.protocol.NftkeeperException;

/**
 * Reaching a host or its agent failed: unreachable, authentication, host key, bootstrap. The message names the host
 * and says what to do; it never contains key material.
 */
public final class TransportException extends NftkeeperException {

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
