package io.nftkeeper.agent;

import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.wire.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads requests line by line and answers each in order; streams (monitor) answer through the same sink from
 * their own threads. When no request is waiting, the dispatcher gets time for deferred work (baselines). Returns
 * when the client closes our stdin, after that work and after ending every stream.
 *
 * <p>A reader thread takes lines off stdin so the request thread can wait for the next one with a timeout; it
 * stays at most one line ahead, so a client cannot make the agent buffer unboundedly.
 */
final class RpcLoop {

    /** One line, or the end of stdin ({@code line == null}), possibly because reading failed. */
    private record Next(byte[] line, IOException failure) {
    }

    private final Dispatcher dispatcher;

    RpcLoop(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    void serve(InputStream requests, OutputStream responses) throws IOException {
        MessageSink sink = new MessageSink(responses);
        BlockingQueue<Next> queue = new ArrayBlockingQueue<>(1);
        Thread reader = new Thread(() -> readLines(requests, queue), "stdin-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                Next next = queue.poll(dispatcher.nanosUntilIdleWork(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    dispatcher.idleWork();
                    continue;
                }
                if (next.line() == null) {
                    if (next.failure() != null) {
                        throw next.failure();
                    }
                    return;
                }
                if (!isBlank(next.line())) {
                    Response response = dispatcher.handle(next.line(), sink);
                    if (response != null) {
                        sink.write(response);
                    }
                }
                // a client that never pauses must not keep baselines unrecorded for long
                if (dispatcher.nanosUntilIdleWork() == 0) {
                    dispatcher.idleWork();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NftkeeperException("interrupted while waiting for requests", e);
        } finally {
            dispatcher.close();
        }
    }

    private static void readLines(InputStream requests, BlockingQueue<Next> queue) {
        ByteLines lines = new ByteLines(requests);
        try {
            byte[] line;
            while ((line = lines.next()) != null) {
                queue.put(new Next(line, null));
            }
            queue.put(new Next(null, null));
        } catch (IOException e) {
            putQuietly(queue, new Next(null, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void putQuietly(BlockingQueue<Next> queue, Next next) {
        try {
            queue.put(next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
