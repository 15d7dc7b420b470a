package io.nftkeeper.agent.rpc;

import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.wire.Response;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads requests line by line and answers each in order; streams (monitor) answer through the same sink from
 * their own threads. When no request is waiting, the dispatcher gets time for deferred work (baselines). Returns
 * when the client closes our stdin, after that work and after ending every stream.
 *
 * <p>On the process's real stdin the request thread waits for input with {@code poll(2)} and a timeout
 * ({@link StdinPoll}) and reads it itself. Any other stream, or without libc, takes a reader thread that hands
 * lines over so the request thread can wait with a timeout; it stays at most one line ahead, so a client cannot
 * make the agent buffer unboundedly.
 */
public final class RpcLoop {

    /** One line, or the end of stdin ({@code line == null}), possibly because reading failed. */
    private record Next(byte[] line, IOException failure) {}

    private static final Logger LOG = LoggerFactory.getLogger(RpcLoop.class);

    private final Dispatcher dispatcher;

    public RpcLoop(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    public void serve(InputStream requests, OutputStream responses) throws IOException {
        Session session = new Session(new MessageSink(responses));
        Optional<StdinPoll> poll = requests == System.in ? StdinPoll.load() : Optional.empty();
        try {
            if (poll.isPresent()) {
                LOG.debug("reading stdin on the request thread (poll)");
                // System.in's own buffer is bypassed: poll(2) sees only what is still in the pipe
                serveOnThisThread(new ByteLines(new FileInputStream(FileDescriptor.in)), poll.get(), session);
            } else {
                LOG.debug("reading requests on a reader thread");
                serveThroughReaderThread(requests, session);
            }
        } finally {
            try {
                session.close();
            } finally {
                dispatcher.close();
            }
        }
    }

    /** The process's stdin: this thread waits for input with a timeout (poll) and reads it itself. */
    private void serveOnThisThread(ByteLines lines, StdinPoll poll, Session session) throws IOException {
        while (true) {
            if (!lines.hasBuffered() && !poll.await(dispatcher.nanosUntilIdleWork())) {
                dispatcher.idleWork();
                continue;
            }
            byte[] line = lines.next();
            if (line == null) {
                return;
            }
            answer(line, session);
        }
    }

    /** Any other stream (tests, warm-up): a reader thread hands lines over, so waits can time out. */
    private void serveThroughReaderThread(InputStream requests, Session session) throws IOException {
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
                answer(next.line(), session);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NftkeeperException("interrupted while waiting for requests", e);
        }
    }

    private void answer(byte[] line, Session session) {
        answer(dispatcher, line, session);
    }

    /** Answers one request line of {@code session}, then runs idle work that is overdue; shared with the socket. */
    static void answer(Dispatcher dispatcher, byte[] line, Session session) {
        if (!isBlank(line)) {
            Response response = dispatcher.handle(line, session);
            if (response != null) {
                session.sink().write(response);
            }
        }
        // a client that never pauses must not keep baselines unrecorded for long
        if (dispatcher.nanosUntilIdleWork() == 0) {
            dispatcher.idleWork();
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
