package io.nftkeeper.acceptance.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.cli.Main;
import io.nftkeeper.cli.drift.AgentHostChecker;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.transport.AgentConnections;
import io.nftkeeper.transport.AgentLaunch;
import io.nftkeeper.transport.AgentTarget;
import io.nftkeeper.transport.Secret;
import io.nftkeeper.transport.SshTarget;
import io.nftkeeper.transport.TransportSettings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@code nftkeeper watch} on a sandbox host that manages {@code table inet nkdrift}: a hand edit of the managed
 * table is flagged as drift as it happens, a change nftkeeper makes itself is not, an unmanaged table is only shown.
 */
class WatchIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void flagsHandEditsOfManagedTablesAsDriftInRealTime() throws Exception {
        try (SandboxFleet fleet =
                SandboxFleet.start("dw" + ProcessHandle.current().pid() + "-", 1)) {
            fleet.applyBaselines();
            SandboxHost host = fleet.hosts().get(0);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            List<String> args =
                    new ArrayList<>(List.of("watch", host.address(), "--format", "json", "--duration", "25s"));
            args.addAll(fleet.sshFlags());
            CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() -> Main.run(
                    args.toArray(String[]::new),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    InputStream.nullInputStream(),
                    AgentHostChecker::new));
            awaitText(err, s -> s.contains("watching 1 host"), watch);

            try (AgentConnections connections = new AgentConnections(TransportSettings.defaults())) {
                AgentTarget target = new AgentTarget(
                        SshTarget.pinned(
                                host.address(),
                                host.port(),
                                host.user(),
                                new Secret(host.privateKey()),
                                host.hostKey()),
                        AgentLaunch.defaults()
                                .withDirectory(fleet.agentDirectory().toString()));
                connections
                        .agentFor(target)
                        .apply(Transaction.builder()
                                .add(new Table(Family.INET, "nkwatch"))
                                .build());
            }
            awaitText(out, s -> s.contains("add table inet nkwatch"), watch);
            host.nft("add chain inet nkdrift extra");
            host.nft("add table ip bystander");
            awaitText(out, s -> s.contains("add table ip bystander"), watch);

            int exit = watch.get(60, TimeUnit.SECONDS);

            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(2);
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                lines.add(JSON.readTree(line));
            }
            assertThat(event(lines, "add table inet nkwatch").path("drift").asBoolean())
                    .isFalse();
            assertThat(event(lines, "add table inet nkwatch").path("managed").asBoolean())
                    .isTrue();
            assertThat(event(lines, "add chain inet nkdrift extra")
                            .path("drift")
                            .asBoolean())
                    .isTrue();
            assertThat(event(lines, "add table ip bystander").path("managed").asBoolean())
                    .isFalse();
            assertThat(event(lines, "add table ip bystander").path("drift").asBoolean())
                    .isFalse();
        }
    }

    private static JsonNode event(List<JsonNode> lines, String change) {
        return lines.stream()
                .filter(l -> l.path("change").asText().equals(change))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no event '" + change + "' in " + lines));
    }

    private static void awaitText(
            ByteArrayOutputStream stream, Predicate<String> condition, CompletableFuture<Integer> watch)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.test(stream.toString(StandardCharsets.UTF_8))) {
            if (watch.isDone()) {
                throw new AssertionError("watch ended early with exit " + watch.join());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 30 s in vain; so far:\n" + stream.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
    }
}
