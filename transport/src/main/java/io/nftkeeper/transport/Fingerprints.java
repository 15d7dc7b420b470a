package io.nftkeeper.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** Digests in the forms people compare by eye (OpenSSH key fingerprints, sha256sum's hex) and key blob names. */
public final class Fingerprints {

    private Fingerprints() {}

    /** The OpenSSH fingerprint of a public key blob: {@code SHA256:} + unpadded base64, as ssh-keygen -l prints it. */
    public static String sha256(byte[] publicKeyBlob) {
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest(publicKeyBlob));
    }

    /** Lower-case hex SHA-256, as sha256sum prints it. */
    public static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(digest(content));
    }

    /** The algorithm an SSH public key blob names, e.g. {@code ssh-ed25519}; empty if the blob is malformed. */
    public static String algorithmOf(byte[] publicKeyBlob) {
        // the blob starts with its own algorithm name as a length-prefixed string
        if (publicKeyBlob.length < 4) {
            return "";
        }
        int length = ByteBuffer.wrap(publicKeyBlob).getInt();
        if (length <= 0 || length > publicKeyBlob.length - 4) {
            return "";
        }
        return new String(publicKeyBlob, 4, length, StandardCharsets.US_ASCII);
    }

    private static byte[] digest(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
