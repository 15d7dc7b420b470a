package io.nftkeeper.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/** Sensitive text such as a private key. Prints as {@code (sensitive)}; only {@link #reveal()} gives the content. */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public String reveal() {
        return value;
    }

    public byte[] revealBytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    /** Equal content is an equal secret, compared in constant time. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && MessageDigest.isEqual(revealBytes(), secret.revealBytes());
    }

    /** Deliberately constant: a hash would tell something about the content; the other fields of a key spread it. */
    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "(sensitive)";
    }
}
