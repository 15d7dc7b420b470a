package io.nftkeeper.agent;

import io.nftkeeper.protocol.wire.JsonLines;
import io.nftkeeper.protocol.wire.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads requests line by line and answers each in order; streams (monitor) answer through the same sink from
 * their own threads. Returns when the client closes our stdin, after ending every stream.
 */
final class RpcLoop {

    private final Dispatcher dispatcher;

    RpcLoop(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    void serve(InputStream requests, OutputStream responses) throws IOException {
        MessageSink sink = new MessageSink(responses);
        try {
            BufferedReader lines = JsonLines.reader(requests);
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    Response response = dispatcher.handle(line, sink);
                    if (response != null) {
                        sink.write(response);
                    }
                }
            }
        } finally {
            dispatcher.close();
        }
    }
}
