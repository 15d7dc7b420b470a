package io.nftkeeper.acceptance.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code nftkeeper trace} through the launcher on a sandbox host that filters with {@code table inet nkdrift}: a
 * traced ping shows its way through the chains with the verdicts, and Ctrl-C removes the trace chain again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceIT {

    private SandboxFleet fleet;
    private SandboxHost host;

    @BeforeAll
    void startHost() throws Exception {
        fleet = SandboxFleet.start("dt" + ProcessHandle.current().pid() + "-", 1);
        fleet.applyBaselines();
        host = fleet.hosts().get(0);
    }

    @AfterAll
    void removeHost() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void aTracedPingShowsItsVerdictsAndCtrlCRemovesTheTraceChain() throws Exception {
        Path launcher = SandboxHost.script().getParent().getParent().resolve("cli/target/dist/nftkeeper");
        // Ctrl-C as a terminal delivers it: a test JVM started in the background (`cmd &` in a script) passes
        // SIGINT on as ignored, and a JVM that starts with SIGINT ignored never runs its shutdown hooks for it
        List<String> command = new ArrayList<>(List.of(
                "env",
                "--default-signal=INT",
                "sh",
                launcher.toString(),
                "trace",
                host.address(),
                "--rule",
                "icmp type echo-request",
                "--color",
                "never"));
        command.addAll(fleet.sshFlags());
        Process trace = new ProcessBuilder(command).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        drain(trace.getInputStream(), out);
        drain(trace.getErrorStream(), err);
        try {
            await(err, s -> s.contains("tracing on"), trace);
            assertThat(host.nft("list tables")).contains("table inet nftkeeper_trace_");

            CommandRun ping =
                    CommandRun.of(Duration.ofSeconds(20), List.of("ping", "-c", "2", "-W", "2", host.address()));
            assertThat(ping.succeeded()).as(ping.stderr()).isTrue();
            await(out, s -> s.contains("inet nkdrift input policy accept"), trace);

            CommandRun.of(Duration.ofSeconds(10), List.of("kill", "-INT", String.valueOf(trace.pid())));
            assertThat(trace.waitFor(30, TimeUnit.SECONDS))
                    .as("trace still running 30 s after Ctrl-C; its stderr: %s", err.toString(StandardCharsets.UTF_8))
                    .isTrue();
        } finally {
            trace.destroyForcibly();
        }

        String events = out.toString(StandardCharsets.UTF_8);
        System.out.print(events); // for the test's output file
        assertThat(events).contains("prerouting rule icmp type echo-request meta nftrace set 1 (verdict continue)");
        assertThat(events).contains("prerouting policy accept");
        assertThat(events).contains("inet nkdrift input policy accept");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("removed table inet nftkeeper_trace_");
        assertThat(host.nft("list tables")).doesNotContain("nftkeeper_trace");
    }

    @Test
    void theTraceEndsAfterItsDurationAndLeavesNoChainBehind() {
        List<String> args =
                new ArrayList<>(List.of("trace", host.address(), "--rule", "tcp dport 9", "--duration", "2s"));
        args.addAll(fleet.sshFlags());

        CliRun run = CliRun.inProcess(args);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).contains("tracing on").contains("removed table inet nftkeeper_trace_");
        assertThat(host.nft("list tables")).doesNotContain("nftkeeper_trace");
    }

    @Test
    void aRuleThatIsNotAMatchIsRefusedBeforeAnythingIsInstalled() {
        List<String> args = new ArrayList<>(
                List.of("trace", host.address(), "--rule", "tcp dport 9; flush ruleset", "--duration", "2s"));
        args.addAll(fleet.sshFlags());

        CliRun run = CliRun.inProcess(args);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("--rule");
        assertThat(host.nft("list tables")).contains("table inet nkdrift").doesNotContain("nftkeeper_trace");
    }

    private static void drain(InputStream from, ByteArrayOutputStream to) {
        CompletableFuture.runAsync(() -> {
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = from.read(buffer)) > 0; ) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
    }

    private static void await(ByteArrayOutputStream stream, Predicate<String> condition, Process process)
            throws InterruptedException {
        // generous: the trace command starts a JVM, an SSH session and an agent, on two cores shared with another
        // test JVM that may be starting fifty sandboxes at that moment
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.test(stream.toString(StandardCharsets.UTF_8))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("waited in vain (process alive: " + process.isAlive() + "); so far:\n"
                        + stream.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
    }
}
