package io.nftkeeper.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Prefixes every line written to stderr, so that lines from the agent stand out wherever the provider
 * forwards them (its own log, terraform's output).
 */
final class PrefixedLines extends OutputStream {

    private final OutputStream target;
    private final byte[] prefix;
    private boolean atLineStart = true;

    PrefixedLines(OutputStream target, String prefix) {
        this.target = target;
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (atLineStart) {
            target.write(prefix);
        }
        target.write(b);
        atLineStart = b == '\n';
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (atLineStart) {
                target.write(bytes, start, i - start);
                target.write(prefix);
                start = i;
                atLineStart = false;
            }
            if (bytes[i] == '\n') {
                atLineStart = true;
            }
        }
        target.write(bytes, start, end - start);
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }
}
