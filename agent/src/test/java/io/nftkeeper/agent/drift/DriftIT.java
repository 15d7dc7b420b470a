package io.nftkeeper.agent.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.nftkeeper.protocol.BaseChain;
import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.ChainPolicy;
import io.nftkeeper.protocol.ChainType;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Hook;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.Priority;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.SetFlag;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentClient;
import io.nftkeeper.protocol.wire.DriftChange;
import io.nftkeeper.protocol.wire.DriftChange.Change;
import io.nftkeeper.protocol.wire.DriftChange.Kind;
import io.nftkeeper.protocol.wire.TableDrift;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drift against the real kernel: the agent applies a managed table, someone edits it by hand with {@code nft}, and
 * {@code drift} must name exactly that one edit. Every test starts from a fresh apply whose baseline is recorded,
 * so each reports one thing. Needs root, ip and nft; fails (never skips) without them.
 */
class DriftIT {

    private static final String NS =
            "nk-drift-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final TableRef DRIFTTEST = new TableRef(Family.INET, "drifttest");

    private static Path workDir;
    private static Process agent;
    private static AgentClient client;

    @BeforeAll
    static void startAgentInANetworkNamespace() throws Exception {
        assertThat(run("id", "-u").strip())
                .as("DriftIT needs root to create network namespaces")
                .isEqualTo("0");
        assertThat(System.getProperty("agent.jar"))
                .as("system property agent.jar (set by failsafe)")
                .isNotBlank();
        workDir = Files.createTempDirectory("nk-drift-it");
        run("ip", "netns", "add", NS);
        run("ip", "-n", NS, "link", "set", "lo", "up");
        agent = new ProcessBuilder(
                        "ip",
                        "netns",
                        "exec",
                        NS,
                        "java",
                        "-jar",
                        System.getProperty("agent.jar"),
                        "serve",
                        "--state-dir",
                        workDir.resolve("state").toString())
                .redirectError(workDir.resolve("agent.stderr").toFile())
                .start();
        client = new AgentClient(agent.getInputStream(), agent.getOutputStream(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void removeEverything() throws Exception {
        try {
            if (client != null) {
                client.close();
            }
            if (agent != null && !agent.waitFor(10, TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
        } finally {
            runAllowingFailure("ip", "netns", "delete", NS);
            if (workDir != null) {
                try (Stream<Path> files = Files.walk(workDir)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** Given: the agent applied the managed table and recorded its baseline, so drift is clean. */
    @BeforeEach
    void givenAFreshlyAppliedManagedTableWithARecordedBaseline() {
        client.apply(Transaction.builder()
                .add(Table.of(DRIFTTEST))
                .add(new Chain(
                        DRIFTTEST,
                        "input",
                        new BaseChain(ChainType.FILTER, Hook.INPUT, Priority.of(0), ChainPolicy.ACCEPT)))
                .add(new Rule(DRIFTTEST, "input", "tcp dport 22 accept"))
                .add(new Rule(DRIFTTEST, "input", "ct state established,related accept"))
                .add(new Rule(DRIFTTEST, "input", "counter"))
                .add(NftSet.builder(DRIFTTEST, "admins")
                        .type("ipv4_addr")
                        .flags(SetFlag.INTERVAL)
                        .elements(List.of("10.213.1.0/24", "10.213.2.5"))
                        .build())
                .build());

        // drift forces the deferred baseline recording first, so hand edits below happen after it
        assertThat(drift().status()).isEqualTo(TableDrift.Status.CLEAN);
    }

    @AfterEach
    void destroyTheManagedTable() {
        client.apply(Transaction.builder().destroy(Table.of(DRIFTTEST)).build());
    }

    @Test
    void givenARuleEditedInPlaceByHand_whenDriftIsAsked_thenExactlyThatRuleIsReportedChanged() {
        long handle = handleOf("tcp dport 22 accept");

        nft("replace rule inet drifttest input handle " + handle + " tcp dport 2222 accept");

        TableDrift drift = drift();
        assertThat(drift.status()).isEqualTo(TableDrift.Status.DRIFTED);
        assertThat(drift.changes())
                .extracting(DriftChange::kind, DriftChange::change, DriftChange::object)
                .containsExactly(tuple(Kind.RULE, Change.CHANGED, "rule inet drifttest input #1"));
        DriftChange change = drift.changes().get(0);
        assertThat(change.live()).isEqualTo("tcp dport 2222 accept");
        assertThat(change.baseline()).isEqualTo("tcp dport 22 accept");
    }

    @Test
    void givenARuleInsertedByHandAtTheTop_whenDriftIsAsked_thenOnlyThatRuleIsReportedAddedNotACascade() {
        nft("insert rule inet drifttest input udp dport 53 accept");

        TableDrift drift = drift();
        assertThat(drift.status()).isEqualTo(TableDrift.Status.DRIFTED);
        assertThat(drift.changes())
                .extracting(DriftChange::kind, DriftChange::change, DriftChange::object)
                .containsExactly(tuple(Kind.RULE, Change.ADDED, "rule inet drifttest input #1"));
        DriftChange change = drift.changes().get(0);
        assertThat(change.live()).isEqualTo("udp dport 53 accept");
        assertThat(change.baseline()).isNull();
    }

    @Test
    void givenAnElementAddedToTheSetByHand_whenDriftIsAsked_thenExactlyThatElementIsReportedAdded() {
        nft("add element inet drifttest admins { 10.213.3.0/24 }");

        TableDrift drift = drift();
        assertThat(drift.status()).isEqualTo(TableDrift.Status.DRIFTED);
        assertThat(drift.changes())
                .extracting(DriftChange::kind, DriftChange::change)
                .containsExactly(tuple(Kind.ELEMENT, Change.ADDED));
        DriftChange change = drift.changes().get(0);
        assertThat(change.object()).startsWith("element inet drifttest admins ").contains("10.213.3.0");
        assertThat(change.live()).isEqualTo("{\"prefix\":{\"addr\":\"10.213.3.0\",\"len\":24}}");
        assertThat(change.baseline()).isNull();
    }

    @Test
    void givenTheChainPolicyChangedByHand_whenDriftIsAsked_thenExactlyTheChainIsReportedChangedWithItsPolicy() {
        // input drop is harmless here: nothing connects into this namespace
        nft("chain inet drifttest input { policy drop; }");

        TableDrift drift = drift();
        assertThat(drift.status()).isEqualTo(TableDrift.Status.DRIFTED);
        assertThat(drift.changes())
                .extracting(DriftChange::kind, DriftChange::change, DriftChange::object)
                .containsExactly(tuple(Kind.CHAIN, Change.CHANGED, "chain inet drifttest input"));
        DriftChange change = drift.changes().get(0);
        assertThat(change.live()).contains("\"policy\":\"drop\"");
        assertThat(change.baseline()).contains("\"policy\":\"accept\"");
    }

    @Test
    void givenTrafficThroughTheCounterRule_whenDriftIsAsked_thenTheCountersMovedButTheTableIsClean() {
        assertThat(counterPackets()).isZero();

        // conntrack sees one ping as one connection: its first echo request is new and falls through to the
        // counter, everything after it is established and accepted before it
        run("ip", "netns", "exec", NS, "ping", "-c", "3", "-i", "0.2", "-W", "1", "127.0.0.1");

        assertThat(counterPackets()).isPositive();
        TableDrift drift = drift();
        assertThat(drift.status()).isEqualTo(TableDrift.Status.CLEAN);
        assertThat(drift.changes()).isEmpty();
    }

    private static TableDrift drift() {
        List<TableDrift> tables = client.drift(List.of(DRIFTTEST)).tables();
        assertThat(tables).hasSize(1);
        return tables.get(0);
    }

    /** The handle nft shows for the one rule of the input chain whose text is exactly {@code ruleText}. */
    private static long handleOf(String ruleText) {
        Matcher matcher = Pattern.compile("^\\s*" + Pattern.quote(ruleText) + " # handle (\\d+)$", Pattern.MULTILINE)
                .matcher(run("ip", "netns", "exec", NS, "nft", "-a", "list", "chain", "inet", "drifttest", "input"));
        assertThat(matcher.find()).as("rule '%s' in the live chain", ruleText).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** Packets counted by the rule that is nothing but a counter. */
    private static long counterPackets() {
        Matcher matcher = Pattern.compile("^\\s*counter packets (\\d+) bytes \\d+$", Pattern.MULTILINE)
                .matcher(nft("list chain inet drifttest input"));
        assertThat(matcher.find()).as("the counter rule in the live chain").isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static String nft(String command) {
        return run("ip", "netns", "exec", NS, "nft", command);
    }

    private static String run(String... command) {
        Result result = runAllowingFailure(command);
        assertThat(result.exitCode())
                .as("%s failed: %s", String.join(" ", command), result.output())
                .isZero();
        return result.output();
    }

    private record Result(int exitCode, String output) {}

    private static Result runAllowingFailure(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command[0] + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
