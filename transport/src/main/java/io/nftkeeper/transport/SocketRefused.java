package io.nftkeeper.transport;

import io.nftkeeper.protocol.NftkeeperException;

/**
 * sshd did not connect a {@code direct-streamlocal} channel: either its configuration forbids it
 * ({@link #prohibited()}), or nothing listens at the path (no resident agent runs there).
 */
final class SocketRefused extends NftkeeperException {
    private static final long serialVersionUID = 1L;

    private final boolean prohibited;

    SocketRefused(boolean prohibited, String message, Throwable cause) {
        super(message, cause);
        this.prohibited = prohibited;
    }

    boolean prohibited() {
        return prohibited;
    }
}
