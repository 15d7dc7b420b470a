package io.nftkeeper.framework.logging;

import java.util.Map;

/**
 * Where a log line goes. A plugin launched by Terraform has one sink, its stderr, at the level of its environment.
 * A resident plugin server serves several Terraform processes at once: each session's calls run inside that
 * session's sink, so its lines reach the Terraform that asked, at that Terraform's level. Threads started during a
 * call inherit the caller's sink.
 */
public final class HclogSinks {
    /** Lines at or above {@code threshold} go to {@code writer}. */
    public record Sink(HclogLevel threshold, HclogWriter writer) {
        /** {@code writer} at the level {@code TF_LOG_PROVIDER} / {@code TF_LOG} of {@code environment} ask for. */
        public static Sink of(Map<String, String> environment, HclogWriter writer) {
            return new Sink(HclogLevel.fromEnvironment(environment), writer);
        }

        boolean enabled(HclogLevel level) {
            return level.compareTo(threshold) >= 0;
        }
    }

    private static volatile Sink process = Sink.of(System.getenv(), HclogWriter.stderr());
    private static final InheritableThreadLocal<Sink> SESSION = new InheritableThreadLocal<>();

    private HclogSinks() {}

    /** The sink of lines logged outside any session. */
    public static void setProcessSink(Sink sink) {
        process = sink;
    }

    /** {@code task}, running with its lines going to {@code sink} (and the sink of the running thread restored). */
    public static Runnable within(Sink sink, Runnable task) {
        return () -> {
            Sink before = SESSION.get();
            SESSION.set(sink);
            try {
                task.run();
            } finally {
                if (before == null) {
                    SESSION.remove();
                } else {
                    SESSION.set(before);
                }
            }
        };
    }

    static Sink current() {
        Sink session = SESSION.get();
        return session != null ? session : process;
    }
}
