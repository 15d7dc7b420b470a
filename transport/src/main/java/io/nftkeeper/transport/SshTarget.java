package io.nftkeeper.transport;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and as whom to connect, how the host's identity is verified, and optionally the bastion (jump host) the
 * connection is tunnelled through. Equal targets share one pooled connection.
 */
public record SshTarget(
        String host,
        int port,
        String user,
        Credentials credentials,
        HostKeyPolicy hostKeys,
        Optional<SshTarget> bastion) {

    public static final int DEFAULT_PORT = 22;

    public SshTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(hostKeys, "hostKeys");
        Objects.requireNonNull(bastion, "bastion");
        if (host.isBlank()) {
            throw new TransportException("the SSH host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new TransportException("SSH port " + port + " for " + host + " is not between 1 and 65535");
        }
        if (user.isBlank()) {
            throw new TransportException("the SSH user for " + host + " is empty");
        }
    }

    /** A direct target with a private key, verified by a pinned host key (public key line or {@code SHA256:}). */
    public static SshTarget pinned(String host, int port, String user, Secret privateKey, String hostKey) {
        return new SshTarget(
                host,
                port,
                user,
                Credentials.privateKey(privateKey),
                HostKeyPolicy.pinned(hostKey, host),
                Optional.empty());
    }

    /** A direct target with a private key, verified by the entries for {@code host} in a known_hosts file. */
    public static SshTarget withKnownHosts(String host, int port, String user, Secret privateKey, Path knownHosts) {
        return new SshTarget(
                host,
                port,
                user,
                Credentials.privateKey(privateKey),
                new HostKeyPolicy.KnownHosts(knownHosts),
                Optional.empty());
    }

    /** The same target, reached through {@code jumpHost}. */
    public SshTarget via(SshTarget jumpHost) {
        return new SshTarget(host, port, user, credentials, hostKeys, Optional.of(jumpHost));
    }

    /** The same login and verification on another host (a resource's own {@code host}). */
    public SshTarget onHost(String otherHost) {
        return new SshTarget(otherHost, port, user, credentials, hostKeys, bastion);
    }

    public Optional<HostKeyPin> hostKeyPin() {
        return hostKeys instanceof HostKeyPolicy.Pinned pinned ? Optional.of(pinned.pin()) : Optional.empty();
    }

    /** {@code host:port}, with brackets around an IPv6 address. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code user@host:port}, how messages name this target. */
    public String endpoint() {
        return user + "@" + address();
    }
}
