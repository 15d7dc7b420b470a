package io.nftkeeper.transport;

import java.nio.file.Path;
import java.util.Objects;

/** How a target's identity is verified: a pinned key, a known_hosts file, or (labs only) not at all. */
public sealed interface HostKeyPolicy permits HostKeyPolicy.Pinned, HostKeyPolicy.KnownHosts, HostKeyPolicy.Insecure {

    /** The host must present exactly this key (or a key with this fingerprint). */
    record Pinned(HostKeyPin pin) implements HostKeyPolicy {
        public Pinned {
            Objects.requireNonNull(pin, "pin");
        }
    }

    /** The host must present a key listed for it in this OpenSSH known_hosts file. */
    record KnownHosts(Path file) implements HostKeyPolicy {
        public KnownHosts {
            Objects.requireNonNull(file, "file");
        }
    }

    /** Any key is accepted: the connection can be intercepted. Only for throw-away lab hosts. */
    record Insecure() implements HostKeyPolicy {}

    /** Parses a pin given for {@code host}; the error names the host and never echoes the input. */
    static HostKeyPolicy pinned(String hostKey, String host) {
        try {
            return new Pinned(HostKeyPin.parse(hostKey));
        } catch (IllegalArgumentException e) {
            throw new TransportException("the host key given for " + host + " is not usable: " + e.getMessage(), e);
        }
    }
}
