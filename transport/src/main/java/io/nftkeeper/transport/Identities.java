package io.nftkeeper.transport;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.UnixDomainSocketFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Gives JSch the target's credentials. Keys are checked here, before connecting, so an encrypted key without its
 * passphrase or with a wrong one is reported as such rather than as a refused login. Never puts key material or
 * passphrases into messages.
 */
final class Identities {

    private Identities() {}

    static void install(JSch jsch, SshTarget target) {
        Credentials credentials = target.credentials();
        if (credentials instanceof Credentials.PrivateKey key) {
            addKey(jsch, target, key.key().revealBytes(), key.passphrase(), "the private_key");
        } else if (credentials instanceof Credentials.PrivateKeyFile file) {
            addKey(jsch, target, read(file.file(), target), file.passphrase(), "the private key file " + file.file());
        } else if (credentials instanceof Credentials.SshAgent agent) {
            useAgent(jsch, target, agent.socket());
        }
    }

    /** What the server was offered, for an authentication failure message. */
    static String describe(Credentials credentials) {
        if (credentials instanceof Credentials.PrivateKeyFile file) {
            return "the private key from " + file.file();
        }
        if (credentials instanceof Credentials.SshAgent agent) {
            return "every key the ssh-agent at " + agent.socket() + " offered";
        }
        return "the private key";
    }

    private static void addKey(JSch jsch, SshTarget target, byte[] key, Optional<Secret> passphrase, String what) {
        byte[] secret = passphrase.map(Secret::revealBytes).orElse(null);
        try {
            checkDecryptable(jsch, target, key, secret, what);
            jsch.addIdentity("nftkeeper key for " + target.endpoint(), key, null, secret);
        } catch (JSchException e) {
            // JSch's message says what it could not parse, never the key itself
            throw new TransportException(what + " for " + target.endpoint() + " is not usable (expected an OpenSSH or "
                    + "PEM private key): " + e.getMessage());
        } finally {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }

    private static void checkDecryptable(JSch jsch, SshTarget target, byte[] key, byte[] passphrase, String what)
            throws JSchException {
        KeyPair pair = KeyPair.load(jsch, key.clone(), null);
        try {
            if (!pair.isEncrypted()) {
                return;
            }
            if (passphrase == null) {
                throw new TransportException(
                        what + " for " + target.endpoint() + " is encrypted: set private_key_passphrase");
            }
            if (!pair.decrypt(passphrase.clone())) {
                throw new TransportException(
                        "private_key_passphrase does not decrypt " + what + " for " + target.endpoint());
            }
        } finally {
            pair.dispose();
        }
    }

    private static byte[] read(Path file, SshTarget target) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TransportException("cannot read the private key file " + file + " for " + target.endpoint() + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    private static void useAgent(JSch jsch, SshTarget target, Path socket) {
        if (!Files.exists(socket)) {
            throw new TransportException("cannot use the ssh-agent for " + target.endpoint() + ": its socket " + socket
                    + " does not exist (is ssh-agent running, and SSH_AUTH_SOCK set for terraform?)");
        }
        try {
            // JSch's Java 16+ socket factory (a multi-release class: the provider jar is marked Multi-Release)
            jsch.setIdentityRepository(
                    new AgentIdentityRepository(new SSHAgentConnector(new UnixDomainSocketFactory(), socket)));
        } catch (AgentProxyException e) {
            throw new TransportException(
                    "cannot use the ssh-agent at " + socket + " for " + target.endpoint() + ": " + e.getMessage(), e);
        }
    }
}
