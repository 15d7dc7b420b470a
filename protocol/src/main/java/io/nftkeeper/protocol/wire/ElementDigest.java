package io.nftkeeper.protocol.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code sha256:<hex>} of a sorted element list, one element per line: the digest the agent takes of a set as the
 * kernel lists it, and the provider of an elements file's element set.
 */
public final class ElementDigest {

    private ElementDigest() {}

    /** @param sorted the elements, sorted and without repeats */
    public static String of(List<String> sorted) {
        return of(ElementLines.of(sorted));
    }

    /** @param sorted the lines of the elements, sorted and without repeats */
    public static String of(ElementLines sorted) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
            sorted.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash elements in memory", e);
        }
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }
}
