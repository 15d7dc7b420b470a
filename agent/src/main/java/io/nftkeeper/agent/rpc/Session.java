package io.nftkeeper.agent.rpc;

import io.nftkeeper.agent.monitor.MonitorStreams;

/**
 * One client's connection: where its answers and stream events go, what it called itself in {@code hello} (for the
 * audit log) and its monitor streams. Over stdio the agent has one; a resident agent one per socket connection.
 */
final class Session implements AutoCloseable {

    private final MessageSink sink;
    private volatile String client;
    private MonitorStreams monitors;

    /** @param sink where streaming requests write; null refuses them (in-process calls, tests) */
    Session(MessageSink sink) {
        this.sink = sink;
    }

    static Session withoutStreams() {
        return new Session(null);
    }

    boolean canStream() {
        return sink != null;
    }

    MessageSink sink() {
        return sink;
    }

    /** Whatever the client called itself in hello, or null before hello. */
    String client() {
        return client;
    }

    void introduce(String name) {
        client = name;
    }

    synchronized MonitorStreams monitors() {
        if (monitors == null) {
            monitors = new MonitorStreams(sink::write);
        }
        return monitors;
    }

    /** Ends this client's streams (its connection ended). */
    @Override
    public synchronized void close() {
        if (monitors != null) {
            monitors.close();
            monitors = null;
        }
    }
}
