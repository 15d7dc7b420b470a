package io.nftkeeper.agent.rpc;

import io.nftkeeper.protocol.wire.JsonLines;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's stdout: one JSON message per line. Responses and the events of streaming calls are written from
 * different threads, so every line is written whole under one lock.
 */
final class MessageSink {

    private static final Logger LOG = LoggerFactory.getLogger(MessageSink.class);

    private final OutputStream out;
    private boolean broken;

    MessageSink(OutputStream out) {
        this.out = out;
    }

    /** @return false once the client is gone (then nothing more is written) */
    synchronized boolean write(Object message) {
        if (broken) {
            return false;
        }
        try {
            JsonLines.writeLine(out, message);
            return true;
        } catch (IOException e) {
            broken = true;
            LOG.warn("cannot write to the client any more: {}", e.getMessage());
            return false;
        }
    }
}
