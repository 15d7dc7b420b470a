package io.nftkeeper.agent.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nftkeeper.agent.nft.Executables;
import io.nftkeeper.agent.nft.RuleTexts;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorBody;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.JsonLines;
import io.nftkeeper.protocol.wire.MonitorEvent;
import io.nftkeeper.protocol.wire.MonitorParams;
import io.nftkeeper.protocol.wire.Response;
import io.nftkeeper.protocol.wire.WireProtocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams {@code nft -j monitor [trace]} to the client. The monitor runs as a child process, not through our
 * libnftables binding: the library's monitor loop blocks its caller forever, and the library is not thread-safe,
 * so running it in-process would stall every other request on the one libnftables thread.
 *
 * <p>Each stream: start the child (under {@code setpriv --pdeathsig KILL} where available, so it dies with the
 * agent even if the agent is killed), wait until its netlink socket has joined a multicast group (so changes made
 * after the client hears {@code started} are seen), send {@code {"started": ...}}, relay every JSON line as an event,
 * and on cancel or end of the connection kill the child and send the final response.
 */
public final class MonitorStreams implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorStreams.class);
    private static final long SUBSCRIBE_WAIT_MILLIS = 5_000;
    private static final int NETLINK_NETFILTER = 12;

    /** The client's connection: every line is written whole, also from the relay threads. */
    private final Consumer<Object> sink;

    private final Map<Long, Monitor> streams = new ConcurrentHashMap<>();

    public MonitorStreams(Consumer<Object> sink) {
        this.sink = sink;
    }

    private static final class Monitor {
        final Process child;
        Thread relay;
        volatile boolean cancelled;

        Monitor(Process child) {
            this.child = child;
        }
    }

    /** Starts the stream of request {@code id}; its events and final response go to the sink. */
    public void start(long id, MonitorParams params) {
        String kind = params.kind() == null ? WireProtocol.MONITOR_RULESET : params.kind();
        if (!kind.equals(WireProtocol.MONITOR_RULESET) && !kind.equals(WireProtocol.MONITOR_TRACE)) {
            throw new AgentException(
                    ErrorCode.INVALID,
                    null,
                    "unknown monitor kind \"" + kind + "\"; use " + WireProtocol.MONITOR_RULESET + " or "
                            + WireProtocol.MONITOR_TRACE);
        }
        if (streams.containsKey(id)) {
            throw new AgentException(ErrorCode.INVALID, null, "request id " + id + " already has a stream");
        }
        Process child = startChild(kind);
        waitUntilSubscribed(child);
        Monitor monitor = new Monitor(child);
        boolean ruleset = kind.equals(WireProtocol.MONITOR_RULESET);
        monitor.relay = new Thread(() -> relay(id, monitor, ruleset), "nftkeeper-monitor-" + id);
        monitor.relay.setDaemon(true);
        streams.put(id, monitor);
        sink.accept(new MonitorEvent(
                id,
                JsonLines.mapper()
                        .createObjectNode()
                        .set(
                                WireProtocol.MONITOR_STARTED,
                                JsonLines.mapper().createObjectNode().put("kind", kind))));
        monitor.relay.start();
        LOG.info("monitor #{} ({}) started: nft pid {}", id, kind, child.pid());
    }

    /** Ends the stream of request {@code id}; its final response follows once the child is gone. */
    public void cancel(long id) {
        Monitor stream = streams.get(id);
        if (stream == null) {
            throw new AgentException(ErrorCode.NOT_FOUND, null, "no stream with request id " + id);
        }
        stop(stream);
    }

    /** Ends every stream (the client closed our stdin) and waits briefly for their final responses. */
    @Override
    public void close() {
        List<Monitor> all = List.copyOf(streams.values());
        all.forEach(MonitorStreams::stop);
        for (Monitor stream : all) {
            try {
                stream.relay.join(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void stop(Monitor stream) {
        stream.cancelled = true;
        stream.child.destroy();
        try {
            if (!stream.child.waitFor(2, TimeUnit.SECONDS)) {
                stream.child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.child.destroyForcibly();
        }
    }

    private void relay(long id, Monitor stream, boolean ruleset) {
        try (BufferedReader lines = JsonLines.reader(stream.child.getInputStream())) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    event(line)
                            .map(event -> ruleset ? withRuleText(event) : event)
                            .ifPresent(event -> sink.accept(new MonitorEvent(id, event)));
                }
            }
        } catch (IOException e) {
            LOG.debug("monitor #{} output ended: {}", id, e.getMessage());
        }
        int exit = waitForExit(stream.child);
        streams.remove(id);
        if (stream.cancelled) {
            sink.accept(Response.success(id, JsonLines.mapper().createObjectNode()));
            LOG.info("monitor #{} cancelled", id);
        } else {
            sink.accept(Response.failure(
                    id,
                    new ErrorBody(
                            ErrorCode.UNAVAILABLE, null, "nft monitor ended on its own (exit code " + exit + ")")));
            LOG.warn("monitor #{}: nft exited with {}", id, exit);
        }
    }

    private static Optional<JsonNode> event(String line) {
        try {
            JsonNode event = JsonLines.mapper().readTree(line);
            return event != null && event.isObject() ? Optional.of(event) : Optional.empty();
        } catch (JsonProcessingException e) {
            LOG.debug("skipped a monitor line that is not JSON: {}", line);
            return Optional.empty();
        }
    }

    /**
     * An added or inserted rule's event with the rule's {@code text} as nft prints it and its {@code position} in the
     * chain (from 1), which nft's JSON event cannot give; listed by a child {@code nft} (this thread may not use the
     * library). Unchanged when the rule is gone by then or cannot be listed.
     */
    private static JsonNode withRuleText(JsonNode event) {
        JsonNode rule = event.has("insert")
                ? event.path("insert").path("rule")
                : event.path("add").path("rule");
        if (!rule.isObject() || !rule.has("handle")) {
            return event;
        }
        Optional<String> nft = Executables.find("nft");
        if (nft.isEmpty()) {
            return event;
        }
        try {
            Process list = new ProcessBuilder(
                            nft.get(),
                            "-a",
                            "-s",
                            "-t",
                            "list",
                            "chain",
                            rule.path("family").asText(),
                            rule.path("table").asText(),
                            rule.path("chain").asText())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String listing = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!list.waitFor(5, TimeUnit.SECONDS) || list.exitValue() != 0) {
                return event;
            }
            Map<Long, String> texts = RuleTexts.parse(listing);
            long handle = rule.path("handle").asLong();
            int index = List.copyOf(texts.keySet()).indexOf(handle);
            if (index < 0) {
                return event;
            }
            return ((ObjectNode) event.deepCopy())
                    .put("text", texts.get(handle))
                    .put("position", index + 1);
        } catch (IOException e) {
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return event;
        }
    }

    private static int waitForExit(Process child) {
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroyForcibly();
            return -1;
        }
    }

    private static Process startChild(String kind) {
        String nft = Executables.find("nft")
                .orElseThrow(() -> new AgentException(
                        ErrorCode.UNAVAILABLE,
                        null,
                        "monitor needs the nft command (package nftables), which is not installed on this host"));
        List<String> command = new java.util.ArrayList<>();
        Executables.find("setpriv").ifPresent(setpriv -> command.addAll(List.of(setpriv, "--pdeathsig", "KILL", "--")));
        command.addAll(List.of(nft, "-j", "monitor"));
        if (kind.equals(WireProtocol.MONITOR_TRACE)) {
            command.add("trace");
        }
        try {
            Process child = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            // the agent may also end by a signal: never leave a monitor behind
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroyForcibly));
            return child;
        } catch (IOException e) {
            throw new AgentException(
                    ErrorCode.UNAVAILABLE,
                    null,
                    "cannot start " + String.join(" ", command) + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Waits until one of the child's netlink sockets has joined a multicast group, seen in /proc/net/netlink by
     * socket inode. Without it, a change made right after {@code started} could precede the subscription.
     */
    private static void waitUntilSubscribed(Process child) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SUBSCRIBE_WAIT_MILLIS);
        while (System.nanoTime() - deadline < 0) {
            if (!child.isAlive()) {
                throw new AgentException(
                        ErrorCode.UNAVAILABLE,
                        null,
                        "nft monitor exited at once (exit code " + child.exitValue() + "); see the agent's stderr");
            }
            if (subscribed(child.pid())) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.warn(
                "could not see nft monitor (pid {}) subscribe within {} ms; events right after start may be missed",
                child.pid(),
                SUBSCRIBE_WAIT_MILLIS);
    }

    private static boolean subscribed(long pid) {
        Set<String> inodes = new HashSet<>();
        // setpriv execs nft, so the pid is nft's once the exec happened
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException ignored) {
                    // the descriptor closed meanwhile
                }
            });
            if (inodes.isEmpty()) {
                return false;
            }
            for (String line : Files.readAllLines(Path.of("/proc/net/netlink"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 10
                        && f[1].equals(Integer.toString(NETLINK_NETFILTER))
                        && inodes.contains(f[9])
                        && !f[3].matches("0+")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
