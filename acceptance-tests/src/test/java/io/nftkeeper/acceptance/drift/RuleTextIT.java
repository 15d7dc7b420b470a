package io.nftkeeper.acceptance.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.cli.Main;
import io.nftkeeper.cli.drift.AgentHostChecker;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code nftkeeper watch} and {@code nftkeeper drift} show rules as nft prints them, with position and handle, not
 * as nft's JSON.
 */
class RuleTextIT {

    private static final Pattern HANDLE = Pattern.compile("ip saddr 10\\.213\\.99\\.9 drop # handle (\\d+)");

    @Test
    void watchAndDriftPrintTheRuleTextWithItsPositionAndHandle() throws Exception {
        try (SandboxFleet fleet = SandboxFleet.start("sem-rt", 1)) {
            fleet.applyBaselines();
            SandboxHost host = fleet.hosts().get(0);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            List<String> watchArgs =
                    new ArrayList<>(List.of("watch", host.address(), "--color", "never", "--duration", "20s"));
            watchArgs.addAll(fleet.sshFlags());
            CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() -> Main.run(
                    watchArgs.toArray(String[]::new),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    InputStream.nullInputStream(),
                    AgentHostChecker::new));
            await(err, "watching 1 host", watch);

            host.nft("insert rule inet nkdrift input ip saddr 10.213.99.9 drop");
            Matcher handle = HANDLE.matcher(host.exec("nft", "-a", "list", "chain", "inet", "nkdrift", "input"));
            assertThat(handle.find()).isTrue();
            await(
                    out,
                    "insert rule inet nkdrift input #1 handle " + handle.group(1) + ": ip saddr 10.213.99.9 drop",
                    watch);
            watch.get(60, TimeUnit.SECONDS);

            List<String> driftArgs =
                    new ArrayList<>(List.of("drift", host.address(), "--color", "never", "--progress", "never"));
            driftArgs.addAll(fleet.sshFlags());
            CliRun drift = CliRun.inProcess(driftArgs);
            assertThat(drift.exitCode()).as(drift.toString()).isEqualTo(2);
            assertThat(drift.stdout())
                    .contains("+ rule inet nkdrift input #1 (handle " + handle.group(1) + ")")
                    .contains("live:     ip saddr 10.213.99.9 drop")
                    .doesNotContain("\"match\"");

            // the baseline's rule edited in place: both texts, the live handle
            host.nft("delete rule inet nkdrift input handle " + handle.group(1));
            Matcher ssh = Pattern.compile("tcp dport 22 accept # handle (\\d+)")
                    .matcher(host.exec("nft", "-a", "list", "chain", "inet", "nkdrift", "input"));
            assertThat(ssh.find()).isTrue();
            host.nft("replace rule inet nkdrift input handle " + ssh.group(1) + " tcp dport 2222 accept");
            Matcher edited = Pattern.compile("tcp dport 2222 accept # handle (\\d+)")
                    .matcher(host.exec("nft", "-a", "list", "chain", "inet", "nkdrift", "input"));
            assertThat(edited.find()).isTrue();
            CliRun changed = CliRun.inProcess(driftArgs);
            assertThat(changed.stdout())
                    .contains("~ rule inet nkdrift input #1 (handle " + edited.group(1) + ")")
                    .contains("baseline: tcp dport 22 accept")
                    .contains("live:     tcp dport 2222 accept")
                    .doesNotContain("\"match\"");
        }
    }

    private static void await(ByteArrayOutputStream stream, String text, CompletableFuture<Integer> watch)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!stream.toString(StandardCharsets.UTF_8).contains(text)) {
            if (watch.isDone()) {
                throw new AssertionError("watch ended early with exit " + watch.join() + "; it printed:\n"
                        + stream.toString(StandardCharsets.UTF_8));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no \"" + text + "\" within 30 s; so far:\n" + stream.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
    }
}
