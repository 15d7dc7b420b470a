package io.nftkeeper.transport;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the provider proves who it is: a private key given as text or as a file (each with an optional passphrase),
 * or the keys of a running ssh-agent. Prints no key material: secrets print as {@code (sensitive)}.
 */
public sealed interface Credentials permits Credentials.PrivateKey, Credentials.PrivateKeyFile, Credentials.SshAgent {

    /** A private key in OpenSSH or PEM text. */
    record PrivateKey(Secret key, Optional<Secret> passphrase) implements Credentials {
        public PrivateKey {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(passphrase, "passphrase");
            if (key.isBlank()) {
                throw new TransportException("the SSH private key is empty");
            }
        }
    }

    /** A private key file on the machine running Terraform, read when the connection opens. */
    record PrivateKeyFile(Path file, Optional<Secret> passphrase) implements Credentials {
        public PrivateKeyFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(passphrase, "passphrase");
        }
    }

    /** The identities an ssh-agent offers over its Unix socket (usually {@code $SSH_AUTH_SOCK}). */
    record SshAgent(Path socket) implements Credentials {
        public SshAgent {
            Objects.requireNonNull(socket, "socket");
        }
    }

    static Credentials privateKey(Secret key) {
        return new PrivateKey(key, Optional.empty());
    }
}
