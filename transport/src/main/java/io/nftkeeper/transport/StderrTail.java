package io.nftkeeper.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a remote process's stderr to its end, keeping the last lines for error messages. Reading continuously also
 * keeps the SSH channel flowing: an unread stream would eventually stall the whole session.
 */
final class StderrTail {

    private final int maxLines;
    private final Deque<String> lines = new ArrayDeque<>();
    private final Thread reader;

    private StderrTail(InputStream stderr, int maxLines, Consumer<String> eachLine, String threadName) {
        this.maxLines = maxLines;
        this.reader = new Thread(() -> read(stderr, eachLine), threadName);
        reader.setDaemon(true);
    }

    static StderrTail follow(InputStream stderr, int maxLines, Consumer<String> eachLine, String threadName) {
        StderrTail tail = new StderrTail(stderr, maxLines, eachLine, threadName);
        tail.reader.start();
        return tail;
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits (bounded) for the stream to end, so a process that just died has had its last words read. */
    void awaitEnd(Duration timeout) {
        try {
            reader.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(InputStream stderr, Consumer<String> eachLine) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                keep(line);
                eachLine.accept(line);
            }
        } catch (IOException e) {
            // the channel closed under us: what was read so far is all there is
        }
    }

    private synchronized void keep(String line) {
        if (lines.size() == maxLines) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }
}
