package io.nftkeeper.protocol.wire;

import java.nio.charset.StandardCharsets;
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
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (String element : sorted) {
            sha256.update(element.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
        }
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }
}
