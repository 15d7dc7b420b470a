package io.nftkeeper.transport;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host key a user expects: either the whole public key line ({@code ssh-ed25519 AAAA... [comment]}) or its
 * fingerprint ({@code SHA256:...}).
 */
public sealed interface HostKeyPin permits HostKeyPin.PublicKey, HostKeyPin.Fingerprint {

    /** Parses a pin; the message of the IllegalArgumentException says what was expected, without echoing input. */
    static HostKeyPin parse(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("SHA256:")) {
            return Fingerprint.parse(trimmed);
        }
        return PublicKey.parse(trimmed);
    }

    /** Does the key the server presented (its wire blob) match this pin? */
    boolean matches(byte[] presentedKeyBlob);

    /** The expected fingerprint, {@code SHA256:...}. */
    String fingerprint();

    /** The key algorithm the pin names, if it names one (a fingerprint does not). */
    Optional<String> keyType();

    /** A pinned public key: algorithm name and base64 blob, as in {@code ~/.ssh/id_ed25519.pub} or known_hosts. */
    record PublicKey(String type, String base64) implements HostKeyPin {

        static PublicKey parse(String line) {
            String[] parts = line.split("\\s+");
            // every SSH public key algorithm name starts so (ssh-ed25519, ecdsa-sha2-nistp256, sk-ssh-ed25519@...)
            if (parts.length < 2 || !parts[0].matches("(ssh|ecdsa|sk)-[a-z0-9@.-]+")) {
                throw new IllegalArgumentException("a host key must be a public key line like 'ssh-ed25519 AAAA...' "
                        + "or a fingerprint like 'SHA256:...', not '" + abbreviated(line) + "'");
            }
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the " + parts[0] + " host key is not valid base64");
            }
            if (!parts[0].equals(Fingerprints.algorithmOf(blob))) {
                throw new IllegalArgumentException("the host key's data is not a " + parts[0] + " key");
            }
            return new PublicKey(parts[0], parts[1]);
        }

        private static String abbreviated(String text) {
            String oneLine = text.strip().replaceAll("\\p{Cntrl}", " ");
            return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "...";
        }

        public byte[] blob() {
            return Base64.getDecoder().decode(base64);
        }

        @Override
        public boolean matches(byte[] presentedKeyBlob) {
            return Arrays.equals(blob(), presentedKeyBlob);
        }

        @Override
        public String fingerprint() {
            return Fingerprints.sha256(blob());
        }

        @Override
        public Optional<String> keyType() {
            return Optional.of(type);
        }
    }

    /** A pinned fingerprint, {@code SHA256:} + base64 of the key blob's digest (padding optional). */
    record Fingerprint(String value) implements HostKeyPin {

        private static final Pattern SHA256 = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");

        static Fingerprint parse(String text) {
            if (!SHA256.matcher(text).matches()) {
                throw new IllegalArgumentException("a SHA256 host key fingerprint is 'SHA256:' followed by 43 base64 "
                        + "characters, as 'ssh-keygen -l -f <key>.pub' prints it");
            }
            return new Fingerprint(text.endsWith("=") ? text.substring(0, text.length() - 1) : text);
        }

        @Override
        public boolean matches(byte[] presentedKeyBlob) {
            return value.equals(Fingerprints.sha256(presentedKeyBlob));
        }

        @Override
        public String fingerprint() {
            return value;
        }

        @Override
        public Optional<String> keyType() {
            return Optional.empty();
        }
    }
}
