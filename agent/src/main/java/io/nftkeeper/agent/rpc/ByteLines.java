package io.nftkeeper.agent.rpc;

import io.nftkeeper.protocol.wire.WireProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into {@code \n}-terminated lines of raw bytes: requests are UTF-8 JSON, which Jackson parses from
 * bytes directly, so decoding them into a String first (twice the memory for a 100k-element line) buys nothing.
 */
final class ByteLines {

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    private final int maxLineBytes;

    ByteLines(InputStream in) {
        this(in, WireProtocol.MAX_MESSAGE_BYTES);
    }

    ByteLines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Whether bytes already read from the stream wait here, so {@link #next()} needs no new input to start. */
    boolean hasBuffered() {
        return position < limit;
    }

    /** The next line without its {@code \n}, or null at the end of the stream. A last line needs no {@code \n}. */
    byte[] next() throws IOException {
        byte[] line = null;
        int length = 0;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line == null ? null : Arrays.copyOf(line, length);
                }
            }
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int chunk = end - position;
            if ((long) length + chunk > maxLineBytes) {
                throw new IOException("a request longer than " + maxLineBytes + " bytes");
            }
            if (line == null) {
                line = new byte[Math.max(chunk, 256)];
            } else if (length + chunk > line.length) {
                line = Arrays.copyOf(line, Math.max(length + chunk, line.length * 2));
            }
            System.arraycopy(buffer, position, line, length, chunk);
            length += chunk;
            position = end;
            if (end < limit) {
                position++;
                return length == line.length ? line : Arrays.copyOf(line, length);
            }
        }
    }
}
