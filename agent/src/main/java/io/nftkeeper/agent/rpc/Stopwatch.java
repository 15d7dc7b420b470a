package io.nftkeeper.agent.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where one request's time went, as {@code parse 0.12 ms, nft 0.31 ms, ...}, for debug logs. Cheap enough to run
 * always: one {@link System#nanoTime()} per span; the text is made only if a log line prints it.
 */
final class Stopwatch {

    private record Span(String name, long nanos) {}

    private final List<Span> spans = new ArrayList<>(8);
    private long last = System.nanoTime();

    /** Ends the current span under {@code name} and starts the next. */
    void lap(String name) {
        long now = System.nanoTime();
        spans.add(new Span(name, now - last));
        last = now;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Span span : spans) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(span.name())
                    .append(' ')
                    .append(String.format(Locale.ROOT, "%.2f", span.nanos() / 1e6))
                    .append(" ms");
        }
        return text.toString();
    }
}
