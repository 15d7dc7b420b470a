package io.nftkeeper.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nftkeeper.cli.CliException;
import io.nftkeeper.cli.Durations;
import io.nftkeeper.cli.Terminal;
import io.nftkeeper.cli.host.HostAgents;
import io.nftkeeper.cli.host.SshFlags;
import io.nftkeeper.cli.host.SshSettings;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.TableDrift;
import io.nftkeeper.protocol.wire.WireProtocol;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nftkeeper watch HOST...}: every ruleset change on the hosts as it happens, with changes to managed tables
 * checked against the agent's baseline: a change nftkeeper made itself matches the new baseline, anything else is
 * drift.
 */
@Command(
        name = "watch",
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 1,
        description = {
            "Streams nftables change events from the hosts' agents (nft monitor) as they happen. A change to a "
                    + "table nftkeeper manages is compared with the agent's baseline at once: if the table now "
                    + "differs from what nftkeeper last applied, the event is flagged DRIFT. Runs until Ctrl-C or "
                    + "--duration."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no drift seen", "2:drift seen", "1:a host could not be watched, or bad input"})
public final class WatchCommand implements Callable<Integer> {

    /** Events of one burst (an apply is many events) are checked together, once the burst has settled. */
    private static final Duration SETTLE = Duration.ofMillis(300);

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Parameters(paramLabel = "HOST", arity = "1..*", description = "Hosts to watch.")
    List<String> hosts;

    @Mixin
    SshFlags ssh;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            description = "Stop after this long (default: until " + "Ctrl-C), e.g. 10m.",
            order = 20)
    String duration;

    @Option(
            names = "--connect-timeout",
            paramLabel = "DURATION",
            defaultValue = "15s",
            description = "Per host, to connect and start the agent (default 15s).",
            order = 21)
    String connectTimeout;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text or json (one JSON object per event and line).",
            order = 30)
    Format format;

    @Option(
            names = "--color",
            paramLabel = "WHEN",
            defaultValue = "auto",
            description = "auto, always or never.",
            order = 31)
    Terminal.When color;

    /** Output formats of watch. */
    public enum Format {
        TEXT,
        JSON
    }

    private record Seen(String host, JsonNode event) {}

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    public WatchCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        Duration limit = duration == null ? null : Durations.parse(duration);
        Duration connect = Durations.parse(connectTimeout);
        Map<String, SshSettings> settings = new LinkedHashMap<>();
        for (String host : hosts) {
            settings.put(host, ssh.options().resolve(host));
        }
        boolean colored = format == Format.TEXT && Terminal.useColor(color, Terminal.STDOUT);
        BlockingQueue<Seen> events = new LinkedBlockingQueue<>();
        Map<String, HostAgents> agents = new LinkedHashMap<>();
        List<AutoCloseable> monitors = new ArrayList<>();
        Thread cleanup = new Thread(() -> closeAll(monitors, agents), "nftkeeper-watch-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean drift = false;
        try {
            for (Map.Entry<String, SshSettings> host : settings.entrySet()) {
                HostAgents agent = open(host.getKey(), host.getValue(), connect);
                agents.put(host.getKey(), agent);
                monitors.add(agent.client()
                        .monitor(WireProtocol.MONITOR_RULESET, event -> events.add(new Seen(host.getKey(), event))));
                drift |= reportStart(host.getKey(), agent);
            }
            err.println("watching " + agents.size() + " host" + (agents.size() == 1 ? "" : "s") + " (Ctrl-C to stop)");
            long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                Seen first = events.poll(
                        Math.min(500, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Seen> burst = new ArrayList<>(List.of(first));
                Thread.sleep(SETTLE.toMillis());
                events.drainTo(burst);
                drift |= judge(burst, agents, colored);
            }
        } finally {
            closeAll(monitors, agents);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway; closing twice is harmless
            }
        }
        return drift ? 2 : 0;
    }

    private static HostAgents open(String host, SshSettings settings, Duration connect) {
        try {
            return HostAgents.open(host, settings, connect);
        } catch (RuntimeException e) {
            throw new CliException("cannot watch " + host + ": " + e.getMessage(), e);
        }
    }

    /** Says what is managed on the host and whether it has drifted already; true if it has. */
    private boolean reportStart(String host, HostAgents agent) {
        List<TableDrift> tables = agent.client().drift(List.of()).tables();
        long drifted = tables.stream().filter(WatchCommand::isDrift).count();
        err.println(host + ": " + tables.size() + " managed table" + (tables.size() == 1 ? "" : "s")
                + (drifted > 0 ? ", " + drifted + " drifted already" : ", all match their baselines"));
        return drifted > 0;
    }

    /** Prints the burst's events, each judged against the tables' state after the burst; true if any is drift. */
    private boolean judge(List<Seen> burst, Map<String, HostAgents> agents, boolean colored) {
        Map<String, Map<TableRef, TableDrift>> managed = new HashMap<>();
        boolean drift = false;
        for (Seen seen : burst) {
            RulesetEvent event = RulesetEvent.of(seen.event());
            Map<TableRef, TableDrift> tables =
                    managed.computeIfAbsent(seen.host(), host -> managedTables(agents.get(host)));
            Optional<TableDrift> state = event.table().map(tables::get);
            boolean isDrift = state.map(WatchCommand::isDrift).orElse(false);
            drift |= isDrift;
            print(seen.host(), event, state, isDrift, colored);
        }
        return drift;
    }

    private static Map<TableRef, TableDrift> managedTables(HostAgents agent) {
        Map<TableRef, TableDrift> tables = new HashMap<>();
        agent.client().drift(List.of()).tables().forEach(t -> tables.put(t.table(), t));
        return tables;
    }

    private static boolean isDrift(TableDrift table) {
        return table.status() == TableDrift.Status.DRIFTED || table.status() == TableDrift.Status.MISSING;
    }

    private void print(String host, RulesetEvent event, Optional<TableDrift> state, boolean drift, boolean colored) {
        if (format == Format.JSON) {
            ObjectNode line = JSON.createObjectNode();
            line.put("time", clock.instant().toString());
            line.put("host", host);
            line.put("change", event.describe());
            event.table()
                    .ifPresentOrElse(
                            t -> line.put("table", t.family().nftName() + "/" + t.name()), () -> line.putNull("table"));
            line.put("managed", state.isPresent());
            line.put("drift", drift);
            line.set("event", event.json());
            out.println(line);
            return;
        }
        String verdict = drift
                ? paint(colored, "31;1", "DRIFT")
                : state.isPresent()
                        ? paint(colored, "32", "managed, matches the baseline")
                        : paint(colored, "2", "not managed");
        String time = LocalTime.ofInstant(clock.instant(), ZoneId.systemDefault())
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        out.println(time + " " + host + " " + event.describe() + "  " + verdict);
    }

    private static String paint(boolean colored, String code, String text) {
        return colored ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    private static void closeAll(List<AutoCloseable> monitors, Map<String, HostAgents> agents) {
        synchronized (monitors) {
            for (AutoCloseable monitor : monitors) {
                try {
                    monitor.close();
                } catch (Exception e) {
                    // the connection may be gone already; nothing left to stop
                }
            }
            monitors.clear();
            agents.values().forEach(HostAgents::close);
        }
    }
}
