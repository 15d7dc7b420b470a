package io.nftkeeper.provider.transport;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and as whom to connect. The host key is verified against {@code hostKey} (a public key line or a
 * {@code SHA256:} fingerprint) if given, else against {@code knownHostsFile}; one of them is required.
 */
public record SshTarget(String host, int port, String user, Secret privateKey, Optional<String> hostKey,
                        Optional<Path> knownHostsFile) {

    public SshTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(hostKey, "hostKey");
        Objects.requireNonNull(knownHostsFile, "knownHostsFile");
        if (host.isBlank()) {
            throw new TransportException("the SSH host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new TransportException("SSH port " + port + " for " + host + " is not between 1 and 65535");
        }
        if (user.isBlank()) {
            throw new TransportException("the SSH user for " + host + " is empty");
        }
        if (privateKey.isBlank()) {
            throw new TransportException("the SSH private key for " + user + "@" + host + " is empty");
        }
        if (hostKey.isEmpty() && knownHostsFile.isEmpty()) {
            throw new TransportException("cannot verify the identity of " + host + ": give its host key "
                    + "(a public key line 'ssh-ed25519 AAAA...' or a fingerprint 'SHA256:...') or a known_hosts file");
        }
        hostKey.ifPresent(pin -> parsePin(pin, host));
    }

    /** A target verified by a pinned host key (public key line or {@code SHA256:} fingerprint). */
    public static SshTarget pinned(String host, int port, String user, Secret privateKey, String hostKey) {
        return new SshTarget(host, port, user, privateKey, Optional.of(hostKey), Optional.empty());
    }

    /** A target verified by the entries for {@code host} in an OpenSSH known_hosts file. */
    public static SshTarget withKnownHosts(String host, int port, String user, Secret privateKey, Path knownHosts) {
        return new SshTarget(host, port, user, privateKey, Optional.empty(), Optional.of(knownHosts));
    }

    public Optional<HostKeyPin> hostKeyPin() {
        return hostKey.map(pin -> parsePin(pin, host));
    }

    /** {@code host:port}, with brackets around an IPv6 address. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code user@host:port}, how messages name this target. */
    public String endpoint() {
        return user + "@" + address();
    }

    private static HostKeyPin parsePin(String pin, String host) {
        try {
            return HostKeyPin.parse(pin);
        } catch (IllegalArgumentException e) {
            throw new TransportException("the host key given for " + host + " is not usable: " + e.getMessage(), e);
        }
    }
}
