package io.nftkeeper.cli.trace;

import io.nftkeeper.cli.CliException;
import io.nftkeeper.cli.Durations;
import io.nftkeeper.cli.Terminal;
import io.nftkeeper.cli.host.HostAgents;
import io.nftkeeper.cli.host.SshFlags;
import io.nftkeeper.protocol.NftkeeperException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nftkeeper trace HOST --rule "..."}: marks matching packets for nftables tracing with a temporary chain,
 * prints the kernel's trace events (every chain, rule and verdict a packet meets), and removes the chain again when
 * it ends, by Ctrl-C too.
 */
@Command(
        name = "trace",
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 1,
        description = {
            "Traces packets through the host's ruleset. Installs a temporary table with one chain at prerouting "
                    + "priority -301 that sets `meta nftrace set 1` on packets matching --rule (one transaction), "
                    + "prints `nft monitor trace` events as they come, and removes the table again (one "
                    + "transaction) on Ctrl-C or after --duration."
        })
public final class TraceCommand implements Callable<Integer> {

    /** Time for the remote nft to load its cache and subscribe; packets before that are traced but not shown. */
    private static final Duration MONITOR_START = Duration.ofSeconds(1);

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Parameters(paramLabel = "HOST", description = "Host to trace on.")
    String host;

    @Option(
            names = "--rule",
            paramLabel = "MATCH",
            required = true,
            description = "Which packets to trace, in nft rule syntax, e.g. \"ip saddr 10.0.0.7 tcp dport 443\".")
    String match;

    @Mixin
    SshFlags ssh;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            description = "Stop after this long (default: until Ctrl-C), e.g. 30s.",
            order = 20)
    String duration;

    @Option(
            names = "--connect-timeout",
            paramLabel = "DURATION",
            defaultValue = "15s",
            description = "To connect and start the agent (default 15s).",
            order = 21)
    String connectTimeout;

    @Option(
            names = "--color",
            paramLabel = "WHEN",
            defaultValue = "auto",
            description = "auto, always or never.",
            order = 30)
    Terminal.When color;

    private final PrintStream out;
    private final PrintStream err;

    public TraceCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        TraceChain trace;
        try {
            trace = TraceChain.matching(match);
        } catch (NftkeeperException e) {
            throw new CliException("--rule: " + e.getMessage(), e);
        }
        long limitMillis =
                duration == null ? Long.MAX_VALUE : Durations.parse(duration).toMillis();
        boolean colored = Terminal.useColor(color, Terminal.STDOUT);
        HostAgents agent;
        try {
            agent = HostAgents.open(host, ssh.options().resolve(host), Durations.parse(connectTimeout));
        } catch (RuntimeException e) {
            throw new CliException("cannot trace on " + host + ": " + e.getMessage(), e);
        }
        TraceSession session = new TraceSession(agent, trace);
        Thread onInterrupt = new Thread(session::end, "nftkeeper-trace-cleanup");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            session.install();
            // after the install: nft 1.0.6 names rules from the cache it loads at start ("unknown rule" otherwise)
            BufferedReader events = new BufferedReader(
                    new InputStreamReader(agent.startCommand("nft monitor trace"), StandardCharsets.UTF_8));
            Thread.sleep(MONITOR_START.toMillis());
            err.println("tracing on " + host + ": " + trace.rule().expr() + " ("
                    + trace.chain().describe() + ", priority " + TraceChain.PRIORITY + "); Ctrl-C to stop");
            CompletableFuture<Void> relay = CompletableFuture.runAsync(() -> relay(events, colored));
            try {
                relay.get(limitMillis, TimeUnit.MILLISECONDS);
                err.println("the trace stream of " + host + " ended");
            } catch (TimeoutException expected) {
                // --duration is up
            }
        } finally {
            session.end();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it ends the session, ending twice is harmless
            }
        }
        return session.cleanedUp() ? 0 : 1;
    }

    private void relay(BufferedReader events, boolean colored) {
        try {
            String line;
            while ((line = events.readLine()) != null) {
                if (!line.isBlank()) {
                    out.println(TraceLines.render(line, colored));
                }
            }
        } catch (IOException e) {
            // the stream closes when the session ends
        }
    }

    /** Removes the trace table exactly once, from the normal path or the Ctrl-C hook, then disconnects. */
    private final class TraceSession {
        private final HostAgents agent;
        private final TraceChain trace;
        private boolean installed;
        private boolean ended;
        private boolean removed;

        TraceSession(HostAgents agent, TraceChain trace) {
            this.agent = agent;
            this.trace = trace;
        }

        synchronized void install() {
            if (ended) {
                throw new CliException("interrupted before the trace chain was installed");
            }
            agent.client().apply(trace.install());
            installed = true;
        }

        synchronized void end() {
            if (ended) {
                return;
            }
            ended = true;
            try {
                if (installed) {
                    agent.client().apply(trace.remove());
                    removed = true;
                    err.println("removed " + trace.table().describe() + " from " + host);
                }
            } catch (NftkeeperException e) {
                err.println("could not remove " + trace.table().describe() + " from " + host + ": " + e.getMessage()
                        + "; remove it with: nft delete " + trace.table().describe());
            } finally {
                agent.close();
            }
        }

        /** False only when the trace table was installed and could not be removed. */
        synchronized boolean cleanedUp() {
            return !installed || removed;
        }
    }
}
