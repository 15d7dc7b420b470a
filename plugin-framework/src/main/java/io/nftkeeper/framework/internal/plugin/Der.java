package io.nftkeeper.framework.internal.plugin;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The few ASN.1 DER encodings a self-signed X.509 certificate needs. Hand-written because loading BouncyCastle
 * for one certificate cost a third of the provider's start-up time.
 */
final class Der {
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private Der() {}

    static byte[] sequence(byte[]... elements) {
        return tagged(0x30, concat(elements));
    }

    static byte[] set(byte[]... elements) {
        return tagged(0x31, concat(elements));
    }

    static byte[] integer(BigInteger value) {
        return tagged(0x02, value.toByteArray());
    }

    static byte[] bool(boolean value) {
        return tagged(0x01, new byte[] {(byte) (value ? 0xff : 0x00)});
    }

    static byte[] octetString(byte[] content) {
        return tagged(0x04, content);
    }

    /** A BIT STRING whose last {@code unusedBits} bits are padding. */
    static byte[] bitString(int unusedBits, byte[] bits) {
        byte[] content = new byte[bits.length + 1];
        content[0] = (byte) unusedBits;
        System.arraycopy(bits, 0, content, 1, bits.length);
        return tagged(0x03, content);
    }

    static byte[] utf8String(String s) {
        return tagged(0x0c, s.getBytes(StandardCharsets.UTF_8));
    }

    /** UTCTime, which X.509 requires for dates before 2050. */
    static byte[] utcTime(Instant instant) {
        return tagged(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    /** An OBJECT IDENTIFIER from its dotted form, e.g. {@code 2.5.29.17}. */
    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            long arc = Long.parseLong(parts[i]);
            int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
            for (int g = groups - 1; g >= 0; g--) {
                out.write((int) ((arc >>> (7 * g)) & 0x7f) | (g == 0 ? 0 : 0x80));
            }
        }
        return tagged(0x06, out.toByteArray());
    }

    /** A constructed context-specific tag, e.g. {@code [0] EXPLICIT}. */
    static byte[] explicit(int tagNumber, byte[] content) {
        return tagged(0xa0 | tagNumber, content);
    }

    /** A primitive context-specific tag, e.g. GeneralName's {@code [2] IMPLICIT IA5String}. */
    static byte[] implicitPrimitive(int tagNumber, byte[] content) {
        return tagged(0x80 | tagNumber, content);
    }

    static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
