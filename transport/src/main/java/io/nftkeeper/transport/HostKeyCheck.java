package io.nftkeeper.transport;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the key a server presents is the one the target expects (its pin, else its known_hosts entries),
 * and remembers what was presented so a rejection can show both fingerprints. Never learns new keys. An insecure
 * policy accepts any key, with a warning in the log each time.
 */
final class HostKeyCheck implements HostKeyRepository {

    private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);

    private final SshTarget target;
    private final Optional<HostKeyPin> pin;
    private final Optional<HostKeyRepository> knownHosts;
    private volatile byte[] presented;
    private volatile int verdict = NOT_INCLUDED;

    private HostKeyCheck(SshTarget target, Optional<HostKeyPin> pin, Optional<HostKeyRepository> knownHosts) {
        this.target = target;
        this.pin = pin;
        this.knownHosts = knownHosts;
    }

    static HostKeyCheck forTarget(SshTarget target) {
        HostKeyPolicy policy = target.hostKeys();
        if (policy instanceof HostKeyPolicy.Pinned pinned) {
            return new HostKeyCheck(target, Optional.of(pinned.pin()), Optional.empty());
        }
        if (policy instanceof HostKeyPolicy.KnownHosts known) {
            return new HostKeyCheck(target, Optional.empty(), Optional.of(readKnownHosts(target, known.file())));
        }
        return new HostKeyCheck(target, Optional.empty(), Optional.empty());
    }

    private static HostKeyRepository readKnownHosts(SshTarget target, Path file) {
        if (!Files.isReadable(file)) {
            throw new TransportException("cannot verify the identity of " + target.address() + ": the known_hosts file "
                    + file + " does not exist or is not readable");
        }
        try {
            JSch reader = new JSch();
            reader.setKnownHosts(file.toString());
            return reader.getHostKeyRepository();
        } catch (JSchException e) {
            throw new TransportException("cannot read the known_hosts file " + file + " for " + target.address()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The key algorithm the server should present, when the pin names one. */
    Optional<String> expectedKeyType() {
        return pin.flatMap(HostKeyPin::keyType);
    }

    /** Why the presented key was refused, or empty if no key was refused (accepted, or none presented yet). */
    Optional<TransportException> rejection() {
        byte[] key = presented;
        if (key == null || verdict == OK) {
            return Optional.empty();
        }
        String offered = Fingerprints.sha256(key) + " (" + Fingerprints.algorithmOf(key) + ")";
        if (pin.isPresent()) {
            return Optional.of(new TransportException("host key verification failed for " + target.address()
                    + ": expected " + pin.get().fingerprint() + ", the server presented " + offered
                    + ". If the host was reinstalled, update its host key; otherwise the connection may be intercepted."));
        }
        List<String> expected = knownFingerprints();
        String file = ((HostKeyPolicy.KnownHosts) target.hostKeys()).file().toString();
        if (expected.isEmpty()) {
            return Optional.of(new TransportException("host key verification failed for " + target.address() + ": "
                    + knownHostsName() + " has no entry in " + file + "; the server presented " + offered));
        }
        return Optional.of(new TransportException("host key verification failed for " + target.address()
                + ": expected " + String.join(" or ", expected) + " (from " + file + "), the server presented "
                + offered + ". If the host was reinstalled, update " + file
                + "; otherwise the connection may be intercepted."));
    }

    @Override
    public int check(String host, byte[] key) {
        presented = key.clone();
        if (target.hostKeys() instanceof HostKeyPolicy.Insecure) {
            LOG.warn("accepting the host key {} of {} without verification (insecure_ignore_host_key = true)",
                    Fingerprints.sha256(key), target.address());
            verdict = OK;
            return verdict;
        }
        verdict = pin.map(p -> p.matches(key) ? OK : CHANGED)
                .orElseGet(() -> knownHosts.orElseThrow().check(host, key));
        return verdict;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // deliberately never learns a key: trust comes only from the pin or the known_hosts file the user gave
    }

    @Override
    public void remove(String host, String type) {
        // the user's known_hosts file is never modified
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        // the user's known_hosts file is never modified
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return "nftkeeper host key check for " + target.address();
    }

    @Override
    public HostKey[] getHostKey() {
        return knownHosts.map(HostKeyRepository::getHostKey).orElse(new HostKey[0]);
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return knownHosts.map(repository -> repository.getHostKey(host, type)).orElse(new HostKey[0]);
    }

    private List<String> knownFingerprints() {
        HostKey[] entries = knownHosts.orElseThrow().getHostKey(knownHostsName(), null);
        return entries == null ? List.of() : Arrays.stream(entries)
                .map(entry -> Fingerprints.sha256(Base64.getDecoder().decode(entry.getKey())))
                .distinct()
                .toList();
    }

    // the name OpenSSH (and JSch) look up in known_hosts: bare host on port 22, else [host]:port
    private String knownHostsName() {
        return target.port() == 22 ? target.host() : "[" + target.host() + "]:" + target.port();
    }
}
