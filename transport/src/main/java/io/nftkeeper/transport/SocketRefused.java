package io.nftkeeper.transport;

import io.nftkeeper.protocol.NftkeeperException;

/**
 * sshd did not connect a {@code direct-streamlocal} channel: nothing listens at the path, or its configuration
 * forbids forwarding to Unix sockets. OpenSSH answers both with "connect failed", so only what the host says about
 * the agent tells them apart ({@link ResidentAgent}).
 */
final class SocketRefused extends NftkeeperException {
    private static final long serialVersionUID = 1L;

    SocketRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
