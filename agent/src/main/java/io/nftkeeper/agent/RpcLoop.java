package io.nftkeeper.agent;

import io.nftkeeper.protocol.wire.JsonLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Reads requests line by line, answers each in order, returns when the client closes our stdin. */
final class RpcLoop {

    private final Dispatcher dispatcher;

    RpcLoop(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    void serve(InputStream requests, OutputStream responses) throws IOException {
        BufferedReader lines = JsonLines.reader(requests);
        String line;
        while ((line = lines.readLine()) != null) {
            if (!line.isBlank()) {
                JsonLines.writeLine(responses, dispatcher.handle(line));
            }
        }
    }
}
