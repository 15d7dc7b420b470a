package io.nftkeeper.protocol.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Elements as the lines {@link PackedElements} packs and {@link ElementDigest} hashes: each element's UTF-8 bytes and
 * a {@code '\n'}, written to a stream. Lets a million elements be packed and hashed without a String for each.
 */
@FunctionalInterface
public interface ElementLines {

    void writeTo(OutputStream out) throws IOException;

    /** The lines of {@code elements}, in their order. */
    static ElementLines of(List<String> elements) {
        return out -> {
            for (String element : elements) {
                out.write(element.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        };
    }
}
