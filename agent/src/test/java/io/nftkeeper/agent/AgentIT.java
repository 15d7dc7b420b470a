package io.nftkeeper.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.nftkeeper.agent.state.OwnershipRegistry;
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
import io.nftkeeper.protocol.live.LiveChain;
import io.nftkeeper.protocol.wire.AgentClient;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.CheckResult;
import io.nftkeeper.protocol.wire.DriftChange;
import io.nftkeeper.protocol.wire.ElementsParams;
import io.nftkeeper.protocol.wire.ElementsResult;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.HelloResult;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.PackedElements;
import io.nftkeeper.protocol.wire.TableDrift;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.protocol.wire.TxStatusResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real agent jar, in its own network namespace, driven through the real client. Needs root, ip and nft;
 * fails (never skips) without them.
 */
class AgentIT {

    private static final String NS =
            "nk-agent-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final TableRef KUBE_PROXY = new TableRef(Family.IP, "kube-proxy");

    private static Path workDir;
    private static final List<Process> agents = new ArrayList<>();
    private static AgentClient client;
    private static String kubeProxyBefore;

    @BeforeAll
    static void startAgentInANetworkNamespace() throws Exception {
        assertThat(run("id", "-u").strip())
                .as("AgentIT needs root to create network namespaces")
                .isEqualTo("0");
        assertThat(System.getProperty("agent.jar"))
                .as("system property agent.jar (set by failsafe)")
                .isNotBlank();
        workDir = Files.createTempDirectory("nk-agent-it");
        run("ip", "netns", "add", NS);
        run("ip", "-n", NS, "link", "set", "lo", "up");
        nft("add table ip kube-proxy");
        nft("add chain ip kube-proxy services { type nat hook prerouting priority dstnat; policy accept; }");
        nft("add rule ip kube-proxy services tcp dport 80 counter accept");
        kubeProxyBefore = nft("list table ip kube-proxy");
        client = connect(startAgent(workDir.resolve("state"), "agent"));
    }

    @AfterAll
    static void removeEverything() throws Exception {
        try {
            if (client != null) {
                client.close();
            }
            for (Process agent : agents) {
                if (!agent.waitFor(10, TimeUnit.SECONDS)) {
                    agent.destroyForcibly();
                }
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

    @AfterEach
    void theUnmanagedKubeProxyTableIsNeverTouched() throws Exception {
        assertThat(nft("list table ip kube-proxy")).isEqualTo(kubeProxyBefore);
    }

    @Test
    void helloReportsTheAgentAndTheHostsLibnftables() {
        HelloResult hello = client.hello("agent-it");

        assertThat(hello.protocolVersion()).isEqualTo(1);
        assertThat(hello.agentVersion()).isEqualTo("0.1.0");
        assertThat(hello.nftVersion())
                .isEqualTo(run("nft", "--version").split(" ")[1].substring(1));
        assertThat(hello.hostname()).isNotBlank();
    }

    @Test
    void addingATableCreatesItInTheKernelAndListShowsItManaged() throws Exception {
        TableRef web = new TableRef(Family.INET, "it_web");

        String script =
                client.apply(Transaction.builder().add(Table.of(web)).build()).script();

        assertThat(script).isEqualTo("add table inet it_web\n");
        assertThat(nft("list tables")).contains("table inet it_web");
        TableListing listing = client.list(List.of(web)).tables().get(0);
        assertThat(listing.exists()).isTrue();
        assertThat(listing.managed()).isTrue();
        assertThat(listing.live().table()).isEqualTo(web);
    }

    @Test
    void unicodeCommentsAndNftMessagesSurviveAnAgentWhoseDefaultCharsetIsAscii() throws Exception {
        // what an SSH session without a locale gives the agent's JVM
        try (AgentClient ascii =
                connect(startAgent(workDir.resolve("ascii-state"), "ascii-agent", "-Dfile.encoding=US-ASCII"))) {
            TableRef table = new TableRef(Family.INET, "it_unicode");
            ascii.apply(Transaction.builder()
                    .add(Table.of(table))
                    .add(Chain.regular(table, "input"))
                    .add(new Rule(table, "input", "accept", "für Ärzte ✓"))
                    .build());

            assertThat(nft("list table inet it_unicode")).contains("comment \"für Ärzte ✓\"");
            assertThat(ascii.list(List.of(table)).tables().get(0).text()).contains("comment \"für Ärzte ✓\"");
            assertThatThrownBy(() -> ascii.check(Transaction.builder()
                            .add(new Rule(table, "inputs", "accept"))
                            .build()))
                    .isInstanceOf(AgentException.class)
                    .hasMessageContaining("No such file or directory")
                    .message()
                    .doesNotContain("\uFFFD");
            ascii.apply(Transaction.builder().destroy(Table.of(table)).build());
        }
    }

    @Test
    void listTreatsAnAbsentTableAsAnAnswer() {
        TableListing listing = client.list(List.of(new TableRef(Family.IP6, "it_absent")))
                .tables()
                .get(0);

        assertThat(listing.exists()).isFalse();
        assertThat(listing.managed()).isFalse();
        assertThat(listing.live()).isNull();
    }

    @Test
    void addingATableThatExistsUnmanagedIsRefusedAndChangesNothing() throws Exception {
        nft("add table inet it_hand_made");
        String before = nft("list ruleset");

        assertThatThrownBy(() -> client.apply(Transaction.builder()
                        .add(Table.of(new TableRef(Family.INET, "it_hand_made")))
                        .build()))
                .asInstanceOf(type(AgentException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                    assertThat(e.object()).isEqualTo("table inet it_hand_made");
                });
        assertThat(nft("list ruleset")).isEqualTo(before);
    }

    @Test
    void aBatchWhoseLastCommandFailsAppliesNothing() throws Exception {
        TableRef vanished = new TableRef(Family.INET, "it_vanished");
        TableRef fresh = new TableRef(Family.INET, "it_fresh");
        client.apply(Transaction.builder().add(Table.of(vanished)).build());
        nft("delete table inet it_vanished");
        String before = nft("list ruleset");

        assertThatThrownBy(() -> client.apply(Transaction.builder()
                        .add(Table.of(fresh))
                        .delete(Table.of(vanished))
                        .build()))
                .asInstanceOf(type(AgentException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.object()).isEqualTo("table inet it_vanished");
                    assertThat(e.getMessage()).contains("No such file or directory");
                });
        assertThat(nft("list ruleset")).isEqualTo(before);
        assertThat(client.list(List.of(fresh)).tables().get(0).managed()).isFalse();
    }

    @Test
    void aThreeCommandBatchWhoseSecondCommandFailsNamesItAndLeavesTheRulesetByteIdentical() throws Exception {
        TableRef vanished = new TableRef(Family.INET, "it_vanished2");
        client.apply(Transaction.builder().add(Table.of(vanished)).build());
        nft("delete table inet it_vanished2");
        String before = nft("list ruleset");

        assertThatThrownBy(() -> client.apply(Transaction.builder()
                        .add(Table.of(new TableRef(Family.INET, "it_first")))
                        .delete(Table.of(vanished))
                        .add(Table.of(new TableRef(Family.IP, "it_third")))
                        .build()))
                .asInstanceOf(type(AgentException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.object()).isEqualTo("table inet it_vanished2");
                    assertThat(e.command()).hasValue(1);
                    assertThat(e.getMessage())
                            .isEqualTo("command 2 of 3 (delete table inet it_vanished2) failed: "
                                    + "Error: Could not process rule: No such file or directory (nothing was applied)");
                });
        assertThat(nft("list ruleset")).isEqualTo(before);
    }

    @Test
    void checkDryRunsWithoutChangingTheRuleset() throws Exception {
        TableRef vanished = new TableRef(Family.INET, "it_vanished3");
        client.apply(Transaction.builder().add(Table.of(vanished)).build());
        nft("delete table inet it_vanished3");
        String before = nft("list ruleset");
        TableRef checked = new TableRef(Family.INET, "it_checked");

        CheckResult passed =
                client.check(Transaction.builder().add(Table.of(checked)).build());

        assertThat(passed.ok()).isTrue();
        assertThat(passed.limits()).contains("are not checkable before apply");
        assertThatThrownBy(() -> client.check(Transaction.builder()
                        .add(Table.of(checked))
                        .delete(Table.of(vanished))
                        .add(Table.of(new TableRef(Family.IP, "it_more")))
                        .build()))
                .asInstanceOf(type(AgentException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.object()).isEqualTo("table inet it_vanished3");
                });
        assertThat(nft("list ruleset")).isEqualTo(before);
        assertThat(client.list(List.of(checked)).tables().get(0).managed()).isFalse();
    }

    @Test
    void twoAgentsApplyingConcurrentlyWithOneStateDirectorySerialiseAndLoseNoTable() throws Exception {
        Path sharedState = workDir.resolve("shared-state");
        int perAgent = 25;
        try (AgentClient one = connect(startAgent(sharedState, "lock-agent-1"));
                AgentClient two = connect(startAgent(sharedState, "lock-agent-2"))) {
            ExecutorService callers = Executors.newFixedThreadPool(2);
            try {
                Future<?> first = callers.submit(() -> addTables(one, "it_lock_a", perAgent));
                Future<?> second = callers.submit(() -> addTables(two, "it_lock_b", perAgent));
                first.get(120, TimeUnit.SECONDS);
                second.get(120, TimeUnit.SECONDS);
            } finally {
                callers.shutdownNow();
            }
            Set<TableRef> managed = new OwnershipRegistry(sharedState).managed();
            assertThat(managed).hasSize(2 * perAgent);
            for (int i = 0; i < perAgent; i++) {
                assertThat(managed)
                        .contains(
                                new TableRef(Family.INET, "it_lock_a" + i), new TableRef(Family.INET, "it_lock_b" + i));
            }
            assertThat(Files.readString(sharedState.resolve("host.lock"))).matches("\\d+ \\d{4}-.*Z\n");
        }
    }

    private static void addTables(AgentClient agent, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            agent.apply(Transaction.builder()
                    .add(Table.of(new TableRef(Family.INET, prefix + i)))
                    .build());
        }
    }

    @Test
    void driftReportsExactlyAChainAndRuleAddedByHand() throws Exception {
        TableRef drifting = new TableRef(Family.INET, "it_drift");
        client.apply(Transaction.builder().add(Table.of(drifting)).build());
        assertThat(client.drift(List.of(drifting)).tables().get(0).status()).isEqualTo(TableDrift.Status.CLEAN);

        nft("add chain inet it_drift extra");
        nft("add rule inet it_drift extra udp dport 53 accept");

        TableDrift drift = client.drift(List.of(drifting)).tables().get(0);
        assertThat(drift.status()).isEqualTo(TableDrift.Status.DRIFTED);
        assertThat(drift.changes())
                .extracting(DriftChange::kind, DriftChange::change, DriftChange::object)
                .containsExactly(
                        tuple(DriftChange.Kind.CHAIN, DriftChange.Change.ADDED, "chain inet it_drift extra"),
                        tuple(DriftChange.Kind.RULE, DriftChange.Change.ADDED, "rule inet it_drift extra #1"));
        // the rule as nft prints it, without its handle
        assertThat(drift.changes().get(1).live()).isEqualTo("udp dport 53 accept");
    }

    @Test
    void countersTickingOnTrafficAreNotDrift() throws Exception {
        nft("add table inet it_counted");
        nft("add chain inet it_counted output { type filter hook output priority 0; policy accept; }");
        nft("add rule inet it_counted output ip daddr 127.0.0.1 counter");
        TableRef counted = new TableRef(Family.INET, "it_counted");
        client.adopt(counted);

        run("ip", "netns", "exec", NS, "ping", "-c", "3", "-i", "0.2", "-W", "1", "127.0.0.1");

        assertThat(nft("list table inet it_counted")).containsPattern("counter packets [1-9]");
        assertThat(client.drift(List.of(counted)).tables().get(0).status()).isEqualTo(TableDrift.Status.CLEAN);
    }

    @Test
    void theDriftCommandPrintsAReportAndExitsZeroWhenCleanAndTwoOnDrift() throws Exception {
        Path cliState = workDir.resolve("cli-state");
        try (AgentClient cliAgent = connect(startAgent(cliState, "cli-agent"))) {
            cliAgent.apply(Transaction.builder()
                    .add(Table.of(new TableRef(Family.IP, "it_cli")))
                    .build());
        }
        Result clean = runAllowingFailure(
                "ip",
                "netns",
                "exec",
                NS,
                "java",
                "-jar",
                System.getProperty("agent.jar"),
                "drift",
                "--state-dir",
                cliState.toString());
        nft("add chain ip it_cli sneaky");
        Result drifted = runAllowingFailure(
                "ip",
                "netns",
                "exec",
                NS,
                "java",
                "-jar",
                System.getProperty("agent.jar"),
                "drift",
                "--state-dir",
                cliState.toString());

        assertThat(clean.exitCode()).as(clean.output()).isZero();
        assertThat(clean.output()).contains("table ip it_cli: clean\n0 of 1 managed tables drifted\n");
        assertThat(drifted.exitCode()).as(drifted.output()).isEqualTo(2);
        assertThat(drifted.output()).contains("table ip it_cli: drifted (1 change)\n  + chain ip it_cli sneaky\n");
    }

    @Test
    void destroyingAManagedTableThatWasDeletedByHandSucceeds() throws Exception {
        TableRef gone = new TableRef(Family.BRIDGE, "it_gone");
        client.apply(Transaction.builder().add(Table.of(gone)).build());
        nft("delete table bridge it_gone");

        client.apply(Transaction.builder().destroy(Table.of(gone)).build());

        TableListing listing = client.list(List.of(gone)).tables().get(0);
        assertThat(listing.exists()).isFalse();
        assertThat(listing.managed()).isFalse();
    }

    @Test
    void destroyingAnExistingManagedTableDeletesIt() throws Exception {
        TableRef doomed = new TableRef(Family.NETDEV, "it_doomed");
        client.apply(Transaction.builder().add(Table.of(doomed)).build());

        client.apply(Transaction.builder().destroy(Table.of(doomed)).build());

        assertThat(nft("list tables")).doesNotContain("it_doomed");
    }

    @Test
    void adoptingAMissingTableIsNotFound() {
        assertThatThrownBy(() -> client.adopt(new TableRef(Family.INET, "it_nowhere")))
                .asInstanceOf(type(AgentException.class))
                .extracting(AgentException::code)
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void anAdoptedTableCanBeDeleted() throws Exception {
        nft("add table ip6 it_imported");
        TableRef imported = new TableRef(Family.IP6, "it_imported");

        client.adopt(imported);
        assertThat(client.list(List.of(imported)).tables().get(0).managed()).isTrue();
        client.apply(Transaction.builder().delete(Table.of(imported)).build());

        assertThat(nft("list tables")).doesNotContain("it_imported");
    }

    @Test
    void touchingAnUnmanagedTableIsNotOwned() {
        assertThatThrownBy(() -> client.apply(
                        Transaction.builder().delete(Table.of(KUBE_PROXY)).build()))
                .asInstanceOf(type(AgentException.class))
                .extracting(AgentException::code)
                .isEqualTo(ErrorCode.NOT_OWNED);
    }

    @Test
    void theAgentExitsCleanlyWhenItsStdinClosesAndLogsOnlyToStderr() throws Exception {
        Process second = startAgent(workDir.resolve("state"), "second-agent");
        AgentClient secondClient = connect(second);
        secondClient.hello("agent-it");

        secondClient.close();

        assertThat(second.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isZero();
        assertThat(Files.readString(workDir.resolve("second-agent.stderr")))
                .startsWith("[nftkeeper-agent] INFO agent 0.1.0 serving");
    }

    @Test
    void theAgentRefusesAStateDirectoryOthersCanWrite() throws Exception {
        Path open = Files.createDirectory(workDir.resolve("world-writable"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

        Process refused = startAgent(open, "refused-agent");

        assertThat(refused.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(2);
        assertThat(Files.readString(workDir.resolve("refused-agent.stderr")))
                .contains("is writable by group or others");
    }

    @Test
    void theStateDirectoryIsPrivate() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workDir.resolve("state"))))
                .isEqualTo("rwx------");
    }

    @Test
    void anUnconfirmedChangeIsRolledBackAfterTheSessionEndsAndNoTimerIsLeft() throws Exception {
        Path state = workDir.resolve("rollback-state");
        TableRef guarded = new TableRef(Family.INET, "it_guarded");
        Process first = startAgent(state, "rollback-agent");
        AgentClient session = connect(first);
        session.apply(Transaction.builder()
                .add(Table.of(guarded))
                .add(new Chain(
                        guarded,
                        "input",
                        new BaseChain(ChainType.FILTER, Hook.INPUT, Priority.named("filter", 0), ChainPolicy.ACCEPT)))
                .build());
        String before = nft("list ruleset");

        session.apply(
                Transaction.builder()
                        .add(new Rule(guarded, "input", "tcp dport 22 drop", "lockout"))
                        .build(),
                Duration.ofSeconds(5),
                "it-rollback-1",
                Duration.ofSeconds(5));
        long applied = System.nanoTime();
        assertThat(nft("list ruleset")).contains("tcp dport 22 drop");
        session.close(); // the SSH session ends: stdin closes ...
        first.destroyForcibly(); // ... and the agent is gone

        while (!nft("list ruleset").equals(before) && System.nanoTime() - applied < 6_500_000_000L) {
            Thread.sleep(100);
        }
        assertThat(nft("list ruleset")).isEqualTo(before);
        assertThat((System.nanoTime() - applied) / 1_000_000).isLessThan(6_000);
        awaitNoRollbackTimer(state);
        try (AgentClient later = connect(startAgent(state, "rollback-agent-later"))) {
            assertThat(later.txStatus("it-rollback-1")).isEqualTo(new TxStatusResult(true, false, true));
            assertThat(later.drift(List.of(guarded)).tables().get(0).status()).isEqualTo(TableDrift.Status.CLEAN);
        }
    }

    @Test
    void aChangeConfirmedFromAnotherConnectionIsKept() throws Exception {
        Path state = workDir.resolve("confirm-state");
        TableRef kept = new TableRef(Family.INET, "it_kept");
        try (AgentClient session = connect(startAgent(state, "confirm-agent"))) {
            session.apply(
                    Transaction.builder()
                            .add(Table.of(kept))
                            .add(Chain.regular(kept, "input"))
                            .add(new Rule(kept, "input", "tcp dport 22 drop"))
                            .build(),
                    Duration.ofSeconds(5),
                    "it-confirm-1",
                    Duration.ofSeconds(30));
        }
        try (AgentClient second = connect(startAgent(state, "confirm-agent-2"))) {
            assertThat(second.txStatus("it-confirm-1").pendingConfirm()).isTrue();
            second.confirm("it-confirm-1");
        }
        // once its timer process is gone nothing can roll the change back: a fired timer restores before it exits
        awaitNoRollbackTimer(state);
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")))
                .as("the timer's sleep, ended with it")
                .doesNotContain("/usr/bin/sleep 27", "/bin/sleep 27", "sleep 27");
        Path timersLog = state.resolve("pending-rollback").resolve("timers.log");
        assertThat(Files.exists(timersLog) ? Files.readString(timersLog) : "")
                .as("confirmed while the timer slept: its JVM never started")
                .doesNotContain("it-confirm-1");

        assertThat(nft("list table inet it_kept")).contains("tcp dport 22 drop");
    }

    /**
     * A listing nothing committed since is answered from the agent's cache (in nft 1.0.6 each listing reads every set
     * element); a change made by hand moves the kernel's ruleset generation, and the next listing shows it.
     */
    @Test
    void aListingNothingChangedSinceIsAnsweredFromTheCacheUntilAnyoneCommits() throws Exception {
        Path state = workDir.resolve("cache-state");
        TableRef table = new TableRef(Family.INET, "it_cached");
        Process agent = startAgent(state, "cache-agent", "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug");
        try (AgentClient client = connect(agent)) {
            client.apply(Transaction.builder()
                    .add(Table.of(table))
                    .add(Chain.regular(table, "input"))
                    .add(new Rule(table, "input", "tcp dport 22 accept"))
                    .build());
            ListParams params = new ListParams(List.of(table));
            TableListing first = client.list(params).tables().get(0);
            TableListing again = client.list(params).tables().get(0);
            assertThat(again).isEqualTo(first);
            assertThat(Files.readString(workDir.resolve("cache-agent.stderr"))).contains("answered from the cache");

            nft("add rule inet it_cached input tcp dport 80 accept");
            LiveChain input =
                    client.list(params).tables().get(0).live().chain("input").orElseThrow();
            assertThat(input.canonicalRules()).containsExactly("tcp dport 22 accept", "tcp dport 80 accept");
        }
    }

    /**
     * A set filled from a file: its creation (the set empty, then its elements) and a delta of its elements change
     * only what the table's terse listings leave out, so those are answered from the cache afterwards, not read again
     * with every element.
     */
    @Test
    void aFileSetsElementsLeaveItsTablesTerseListingsCached() throws Exception {
        Path state = workDir.resolve("fileset-state");
        TableRef table = new TableRef(Family.INET, "it_fileset");
        Path log = workDir.resolve("fileset-agent.stderr");
        Process agent = startAgent(state, "fileset-agent", "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug");
        try (AgentClient client = connect(agent)) {
            client.apply(Transaction.builder().add(Table.of(table)).build());
            NftSet set = NftSet.builder(table, "blocked")
                    .type("ipv4_addr")
                    .flags(SetFlag.INTERVAL)
                    .build();
            for (List<String> elements : List.of(List.of("10.0.0.1", "10.0.0.3"), List.of("10.0.0.1", "10.0.0.5"))) {
                long before = Files.size(log);
                client.elements(
                        new ElementsParams(
                                set, ElementsParams.Action.APPLY, PackedElements.pack(elements), null, null, null),
                        Duration.ofSeconds(30));

                TableListing listing = client.list(List.of(table)).tables().get(0);

                assertThat(listing.live().set("blocked")).isPresent();
                String logged = Files.readString(log).substring((int) before);
                assertThat(logged)
                        .as("after %s", elements)
                        .contains("kind=JSON_TERSE, table=" + table + ", set=null] answered from the cache")
                        .contains("kind=TEXT_TERSE, table=" + table + ", set=null] answered from the cache");
            }
            assertThat(nft("list set inet it_fileset blocked"))
                    .contains("10.0.0.5")
                    .doesNotContain("10.0.0.3");
        }
    }

    @Test
    void elementsOfAnAutoMergeSetAreCheckedAgainstTheDeclarationAloneNotTheHostsSet() throws Exception {
        TableRef table = new TableRef(Family.INET, "it_alone");
        client.apply(Transaction.builder()
                .add(Table.of(table))
                .add(NftSet.builder(table, "blocked").type("ipv4_addr").build())
                .build());
        NftSet declared = NftSet.builder(table, "blocked")
                .type("ipv4_addr")
                .flags(SetFlag.INTERVAL)
                .autoMerge()
                .build();

        // the host's set has no interval flag and would refuse a prefix: the check ran in an empty ruleset
        ElementsResult prefix = client.elements(
                new ElementsParams(
                        declared,
                        ElementsParams.Action.CHECK,
                        PackedElements.pack(List.of("10.0.0.0/24")),
                        null,
                        null,
                        null),
                Duration.ofSeconds(30));
        ElementsResult bad = client.elements(
                new ElementsParams(
                        declared,
                        ElementsParams.Action.CHECK,
                        PackedElements.pack(List.of("10.0.0.1", "10.0.0.300")),
                        null,
                        null,
                        null),
                Duration.ofSeconds(30));

        assertThat(prefix.valid()).isTrue();
        assertThat(bad.valid()).isFalse();
        assertThat(bad.invalidIndex()).isEqualTo(1);
        assertThat(nft("list set inet it_alone blocked"))
                .doesNotContain("flags interval")
                .doesNotContain("10.0.0");
    }

    private static void awaitNoRollbackTimer(Path state) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && !rollbackTimers(state).isEmpty()) {
            Thread.sleep(100);
        }
        assertThat(rollbackTimers(state)).as("rollback-timer processes left").isEmpty();
    }

    private static List<String> rollbackTimers(Path state) {
        return ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(command -> command.contains("rollback-timer") && command.contains(state.toString()))
                .toList();
    }

    @Test
    void monitorReportsATableAddedByHandAndCancelEndsTheNftChild() throws Exception {
        Process agent = startAgent(workDir.resolve("state"), "monitor-agent");
        try (AgentClient watcher = connect(agent)) {
            java.util.concurrent.BlockingQueue<com.fasterxml.jackson.databind.JsonNode> events =
                    new java.util.concurrent.LinkedBlockingQueue<>();
            AutoCloseable monitor = watcher.monitor("ruleset", events::add);
            assertThat(nftChildren(agent)).hasSize(1);

            nft("add table ip it_monitored");

            com.fasterxml.jackson.databind.JsonNode event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).isNotNull();
            assertThat(event.at("/add/table/name").asText()).isEqualTo("it_monitored");
            monitor.close();
            assertThat(nftChildren(agent)).isEmpty();
            assertThat(watcher.hello("after-monitor").protocolVersion()).isEqualTo(1);
        }
    }

    private static List<ProcessHandle> nftChildren(Process agent) {
        return agent.toHandle()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("monitor"))
                .toList();
    }

    @Test
    void chainsRulesAndAHundredThousandElementSetApplyInOneTransaction() throws Exception {
        TableRef big = new TableRef(Family.INET, "it_big");
        List<String> elements = new ArrayList<>(100_000);
        for (int i = 0; i < 100_000; i++) {
            elements.add("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }

        client.apply(Transaction.builder()
                .add(Table.of(big))
                .add(NftSet.builder(big, "blocked")
                        .type("ipv4_addr")
                        .elements(elements)
                        .build())
                .add(new Chain(
                        big, "input", new BaseChain(ChainType.FILTER, Hook.INPUT, Priority.of(0), ChainPolicy.ACCEPT)))
                .add(new Rule(big, "input", "ip saddr @blocked drop", "blocklist"))
                .build());

        String listing = nft("list table inet it_big");
        assertThat(listing).contains("ip saddr @blocked drop comment \"blocklist\"", "10.1.134.159");
        assertThat(client.drift(List.of(big)).tables().get(0).status()).isEqualTo(TableDrift.Status.CLEAN);
        client.apply(Transaction.builder().destroy(Table.of(big)).build());
    }

    @Test
    void anIpv6IntervalSetChangesByAnExactDeltaEvenWhereNftMergedElements() throws Exception {
        TableRef v6 = new TableRef(Family.INET, "it_v6");
        NftSet set = NftSet.builder(v6, "drop6")
                .type("ipv6_addr")
                .flags(SetFlag.INTERVAL)
                .autoMerge()
                .build();
        client.apply(Transaction.builder().add(Table.of(v6)).build());
        // two adjacent /49s that auto-merge lists as one /48, and two single addresses listed as one range
        List<String> first =
                List.of("2001:db8:1::/49", "2001:db8:1:8000::/49", "2001:db8::1", "2001:db8::2", "fd00::/8");
        assertThat(elements(set, first).method()).isEqualTo("create");
        assertThat(nft("list set inet it_v6 drop6")).contains("2001:db8:1::/48");

        List<String> second = List.of("2001:db8:1::/49", "2001:db8::1", "fd00::/8", "2001:db8:ffff::/64");
        ElementsResult changed = elements(set, second);

        assertThat(changed.method()).as("no refill for IPv6 intervals").isEqualTo("delta");
        assertThat(changed.added()).isEqualTo(1);
        assertThat(changed.removed()).isEqualTo(2);
        String listed = nft("list set inet it_v6 drop6");
        assertThat(listed)
                .contains("2001:db8:1::/49", "2001:db8::1", "fd00::/8", "2001:db8:ffff::/64")
                .doesNotContain("2001:db8:1::/48", "2001:db8::2", "2001:db8:1:8000::/49");
        assertThat(client.elements(
                                new ElementsParams(set, ElementsParams.Action.DIGEST, null, null, null, null),
                                Duration.ofSeconds(30))
                        .digest())
                .isEqualTo(changed.digest());
        client.apply(Transaction.builder().destroy(Table.of(v6)).build());
    }

    private static ElementsResult elements(NftSet set, List<String> wanted) {
        return client.elements(
                new ElementsParams(set, ElementsParams.Action.APPLY, PackedElements.pack(wanted), null, null, null),
                Duration.ofSeconds(60));
    }

    private static Process startAgent(Path stateDir, String name, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", NS, "java"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", System.getProperty("agent.jar"), "serve", "--state-dir", stateDir.toString()));
        Process agent = new ProcessBuilder(command)
                .redirectError(workDir.resolve(name + ".stderr").toFile())
                .start();
        agents.add(agent);
        return agent;
    }

    private static AgentClient connect(Process agent) {
        return new AgentClient(agent.getInputStream(), agent.getOutputStream(), Duration.ofSeconds(30));
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
