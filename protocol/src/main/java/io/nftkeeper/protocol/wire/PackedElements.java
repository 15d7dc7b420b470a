package io.nftkeeper.protocol.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * An element list as it travels in one JSON line: UTF-8, one element per line, gzip, base64. A million
 * {@code /32} addresses are ~14 MB as text and ~4 MB packed, and the agent never builds a JSON array of them.
 */
public final class PackedElements {

    private PackedElements() {}

    public static String pack(List<String> elements) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, elements.size() * 4));
        try (GZIPOutputStream gzip = new GZIPOutputStream(Base64.getEncoder().wrap(bytes), 1 << 16)) {
            for (String element : elements) {
                gzip.write(element.getBytes(StandardCharsets.UTF_8));
                gzip.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack elements in memory", e);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** @throws IllegalArgumentException when {@code packed} is not what {@link #pack} makes */
    public static List<String> unpack(String packed) {
        List<String> elements = new ArrayList<>();
        byte[] base64 = packed.getBytes(StandardCharsets.ISO_8859_1);
        try (GZIPInputStream gzip =
                new GZIPInputStream(Base64.getDecoder().wrap(new ByteArrayInputStream(base64)), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(64);
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = gzip.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        elements.add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(buffer[i]);
                    }
                }
            }
            if (line.size() > 0) {
                elements.add(line.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("packed elements are not gzip+base64: " + e.getMessage(), e);
        }
        return elements;
    }
}
