package io.nftkeeper.cli.drift.format;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/** Lets libraries that close what they write to (Jackson, StAX) write to a stream the caller still owns. */
final class NonClosingWriter extends FilterWriter {

    NonClosingWriter(Writer out) {
        super(out);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
