package io.nftkeeper.transport;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 *
 * <p>known_hosts markers count as OpenSSH counts them: a key on a {@code @revoked} line whose host patterns match is
 * refused even where another line lists it; a {@code @cert-authority} line is no pin of a host key (it trusts host
 * certificates signed by that key, which nftkeeper does not support, and a refusal says so).
 */
final class HostKeyCheck implements HostKeyRepository {

    private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);
    private static final String REVOKED = "@revoked";
    private static final String CERT_AUTHORITY = "@cert-authority";

    private final SshTarget target;
    private final Optional<HostKeyPin> pin;
    private final Optional<HostKeyRepository> knownHosts;
    private volatile byte[] presented;
    private volatile int verdict = NOT_INCLUDED;
    private volatile boolean revoked;

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
            throw new TransportException(
                    "cannot read the known_hosts file " + file + " for " + target.address() + ": " + e.getMessage(), e);
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
            return refused(
                    "expected " + pin.get().fingerprint() + ", the server presented " + offered
                            + ". If the host was reinstalled, update its host key; otherwise the connection may be intercepted.");
        }
        List<String> expected = knownFingerprints();
        String file = ((HostKeyPolicy.KnownHosts) target.hostKeys()).file().toString();
        if (revoked) {
            return refused("the server presented " + offered + ", which " + file + " marks @revoked: a revoked key "
                    + "is never accepted. Give the host a new host key and list that one");
        }
        if (expected.isEmpty()
                && matching(knownHostsName()).stream().anyMatch(entry -> CERT_AUTHORITY.equals(entry.getMarker()))) {
            return refused(file + " has only @cert-authority lines for " + knownHostsName() + ", and nftkeeper does "
                    + "not support host certificates; list the host's own key in " + file + " (ssh-keyscan) or pin "
                    + "it with host_key. The server presented " + offered);
        }
        if (expected.isEmpty()) {
            return refused(knownHostsName() + " has no entry in " + file + "; the server presented " + offered);
        }
        return refused("expected " + String.join(" or ", expected) + " (from " + file + "), the server presented "
                + offered + ". If the host was reinstalled, update " + file
                + "; otherwise the connection may be intercepted.");
    }

    private Optional<TransportException> refused(String why) {
        return Optional.of(TransportException.hostKeyRefused(
                "host key verification failed for " + target.address() + ": " + why, null));
    }

    @Override
    public int check(String host, byte[] key) {
        presented = key.clone();
        if (target.hostKeys() instanceof HostKeyPolicy.Insecure) {
            LOG.warn(
                    "accepting the host key {} of {} without verification (insecure_ignore_host_key = true)",
                    Fingerprints.sha256(key),
                    target.address());
            verdict = OK;
            return verdict;
        }
        verdict = pin.map(p -> p.matches(key) ? OK : CHANGED).orElseGet(() -> checkKnownHosts(key));
        return verdict;
    }

    private int checkKnownHosts(byte[] key) {
        List<HostKey> entries = matching(knownHostsName());
        if (entries.stream().anyMatch(entry -> REVOKED.equals(entry.getMarker()) && sameKey(entry, key))) {
            revoked = true;
            return CHANGED;
        }
        List<HostKey> plain = entries.stream().filter(HostKeyCheck::isPlain).toList();
        if (plain.stream().anyMatch(entry -> sameKey(entry, key))) {
            return OK;
        }
        return plain.isEmpty() ? NOT_INCLUDED : CHANGED;
    }

    /**
     * The known_hosts lines whose host patterns match {@code name}, as OpenSSH matches them: comma-separated
     * patterns with {@code *} and {@code ?}, none of the negated ({@code !}) ones matching; hashed names as JSch
     * matches them.
     */
    private List<HostKey> matching(String name) {
        HostKeyRepository repository = knownHosts.orElseThrow();
        HostKey[] hashed = repository.getHostKey(name, null);
        List<HostKey> matched = new ArrayList<>();
        for (HostKey entry : repository.getHostKey()) {
            String patterns = entry.getHost();
            boolean matches = patterns.startsWith("|")
                    ? hashed != null && Arrays.asList(hashed).contains(entry)
                    : HostPatterns.matches(patterns, name);
            if (matches) {
                matched.add(entry);
            }
        }
        return matched;
    }

    private static boolean isPlain(HostKey entry) {
        return entry.getMarker() == null || entry.getMarker().isEmpty();
    }

    private static boolean sameKey(HostKey entry, byte[] key) {
        return Arrays.equals(Base64.getDecoder().decode(entry.getKey()), key);
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
        return matching(knownHostsName()).stream()
                .filter(HostKeyCheck::isPlain)
                .map(entry -> Fingerprints.sha256(Base64.getDecoder().decode(entry.getKey())))
                .distinct()
                .toList();
    }

    // the name OpenSSH (and JSch) look up in known_hosts: bare host on port 22, else [host]:port
    private String knownHostsName() {
        return target.port() == 22 ? target.host() : "[" + target.host() + "]:" + target.port();
    }
}
