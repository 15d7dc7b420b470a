package io.nftkeeper.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.BaseChain;
import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.ChainPolicy;
import io.nftkeeper.protocol.ChainType;
import io.nftkeeper.protocol.Counter;
import io.nftkeeper.protocol.CtHelper;
import io.nftkeeper.protocol.Element;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Hook;
import io.nftkeeper.protocol.Limit;
import io.nftkeeper.protocol.LimitUnit;
import io.nftkeeper.protocol.NftMap;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.Priority;
import io.nftkeeper.protocol.Quota;
import io.nftkeeper.protocol.RatePeriod;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.SetFlag;
import io.nftkeeper.protocol.Synproxy;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.fake.FakeAgent;
import io.nftkeeper.protocol.live.LiveChain;
import io.nftkeeper.protocol.live.LiveCounter;
import io.nftkeeper.protocol.live.LiveMap;
import io.nftkeeper.protocol.live.LiveQuota;
import io.nftkeeper.protocol.live.LiveRule;
import io.nftkeeper.protocol.live.LiveSet;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.live.ObjectReference;
import io.nftkeeper.protocol.wire.AdoptParams;
import io.nftkeeper.protocol.wire.AgentClient;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.TableListing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the provider's {@link FakeAgent} honest: one scenario table of transactions (every object kind, handles,
 * ownership, dry runs and refused transactions) runs against the fake and against the real agent jar on the real
 * kernel, in a network namespace of its own, and after every step both must list the same tables and refuse the
 * same steps (error code, command index and object). Compared modulo what FakeTable documents: handles (a rule is
 * addressed by its place, each side resolving its own handle), counter values and element order. Secmarks are left
 * out: the kernel takes only contexts the host's SELinux policy knows, which the fake cannot. Needs root, ip and
 * nft; fails (never skips) without them.
 */
class FakeAgentIT {

    private static final String NS = "nk-" + System.getProperty("nftkeeper.sandbox.prefix", "it") + "-fake-"
            + UUID.randomUUID().toString().substring(0, 8);
    private static final TableRef WEB = new TableRef(Family.INET, "fk_web");
    private static final TableRef BYSTANDER = new TableRef(Family.IP, "fk_bystander");
    private static final String OWNER = "owner-a";

    private static Path workDir;
    private static Process agentProcess;
    private static AgentClient real;
    private static final FakeAgent fake = new FakeAgent();

    /** One step: a transaction made from each side's current listing of {@link #WEB} (for handles). */
    private record Step(String name, Function<LiveTable, Transaction> transaction, boolean dryRun) {}

    @BeforeAll
    static void startTheAgentInANetworkNamespace() throws Exception {
        assertThat(run("id", "-u").strip())
                .as("FakeAgentIT needs root to create network namespaces")
                .isEqualTo("0");
        assertThat(System.getProperty("agent.jar"))
                .as("system property agent.jar (set by failsafe)")
                .isNotBlank();
        workDir = Files.createTempDirectory("nk-fake-it");
        run("ip", "netns", "add", NS);
        run("ip", "-n", NS, "link", "set", "lo", "up");
        // a bystander the agent does not manage, made on both sides by hand
        run("ip", "netns", "exec", NS, "nft", "add table ip fk_bystander");
        fake.byHand(Transaction.builder().add(Table.of(BYSTANDER)).build());
        agentProcess = new ProcessBuilder(
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
        real = new AgentClient(agentProcess.getInputStream(), agentProcess.getOutputStream(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void removeEverything() throws Exception {
        try {
            if (real != null) {
                real.close();
            }
            if (agentProcess != null && !agentProcess.waitFor(10, TimeUnit.SECONDS)) {
                agentProcess.destroyForcibly();
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

    private static Step apply(String name, Function<LiveTable, Transaction> transaction) {
        return new Step(name, transaction, false);
    }

    private static Step check(String name, Function<LiveTable, Transaction> transaction) {
        return new Step(name, transaction, true);
    }

    private static Transaction tx(Transaction.Builder builder) {
        return builder.build().onBehalfOf(OWNER);
    }

    private static Rule rule(String chain, String expr) {
        return new Rule(WEB, chain, expr);
    }

    /** The handle of the {@code index}th rule of {@code chain} in this side's listing. */
    private static long handle(LiveTable live, String chain, int index) {
        return live.chain(chain).orElseThrow().rules().get(index).handle();
    }

    private static final List<Step> SCENARIO = List.of(
            apply(
                    "a table with a base chain and rules",
                    live -> tx(Transaction.builder()
                            .add(Table.of(WEB))
                            .add(new Chain(
                                    WEB,
                                    "input",
                                    new BaseChain(
                                            ChainType.FILTER,
                                            Hook.INPUT,
                                            Priority.named("filter", 0),
                                            ChainPolicy.ACCEPT)))
                            .add(Chain.regular(WEB, "services"))
                            .add(rule("input", "tcp dport 22 accept"))
                            .add(new Rule(WEB, "input", "udp dport 53 accept", "dns", null)))),
            apply(
                    "sets, maps and named objects",
                    live -> tx(Transaction.builder()
                            .add(NftSet.builder(WEB, "allowed")
                                    .type("ipv4_addr")
                                    .elements(List.of("10.0.0.1", "10.0.0.2"))
                                    .build())
                            .add(NftSet.builder(WEB, "nets")
                                    .type("ipv4_addr")
                                    .flags(SetFlag.INTERVAL)
                                    .elements(List.of("10.1.0.0/16"))
                                    .build())
                            .add(NftSet.builder(WEB, "recent")
                                    .type("ipv4_addr")
                                    .flags(SetFlag.TIMEOUT)
                                    .timeoutMs(60_000)
                                    .build())
                            .add(NftMap.builder(WEB, "ports")
                                    .type("inet_service")
                                    .value("verdict")
                                    .elements(List.of("22 : accept", "80 : drop"))
                                    .build())
                            .add(new Counter(WEB, "hits"))
                            .add(new Quota(WEB, "monthly", 1_000_000, false))
                            .add(new Limit(WEB, "ssh", 10, LimitUnit.PACKETS, RatePeriod.MINUTE, 20L, false))
                            .add(new CtHelper(WEB, "ftp-standard", "ftp", "tcp", "inet"))
                            .add(new Synproxy(WEB, "www", 1460, 7, false, false)))),
            apply(
                    "rules using them",
                    live -> tx(Transaction.builder()
                            .add(rule("input", "ip saddr @allowed counter name \"hits\" accept"))
                            .add(rule("input", "tcp dport 22 limit name \"ssh\" accept"))
                            .add(rule("input", "quota name \"monthly\" drop"))
                            .add(rule("input", "jump services"))
                            .add(rule("services", "tcp dport vmap @ports")))),
            apply(
                    "elements added and deleted",
                    live -> tx(Transaction.builder()
                            .add(new Element(WEB, "allowed", List.of("10.0.0.3")))
                            .delete(new Element(WEB, "allowed", List.of("10.0.0.1"))))),
            apply(
                    "a rule inserted before, another added after, one deleted, by handle",
                    live -> tx(Transaction.builder()
                            .insertBefore(rule("input", "tcp dport 443 accept"), handle(live, "input", 0))
                            .addAfter(rule("input", "tcp dport 8080 accept"), handle(live, "input", 2))
                            .delete(rule("input", "udp dport 53 accept").withHandle(handle(live, "input", 1))))),
            apply(
                    "a chain in use cannot go",
                    live -> tx(Transaction.builder()
                            .add(rule("input", "tcp dport 25 drop"))
                            .delete(Chain.regular(WEB, "services")))),
            apply(
                    "a set in use cannot go",
                    live -> tx(Transaction.builder()
                            .delete(NftSet.builder(WEB, "allowed")
                                    .type("ipv4_addr")
                                    .build()))),
            apply(
                    "a rule jumping to a missing chain",
                    live -> tx(Transaction.builder()
                            .add(rule("input", "tcp dport 23 drop"))
                            .add(rule("input", "jump nowhere")))),
            apply(
                    "a missing element cannot be deleted",
                    live -> tx(Transaction.builder().delete(new Element(WEB, "allowed", List.of("10.0.0.99"))))),
            check(
                    "a dry run that passes changes nothing",
                    live -> tx(Transaction.builder().add(rule("input", "tcp dport 21 accept")))),
            check(
                    "a dry run that fails names the command",
                    live -> tx(Transaction.builder()
                            .add(rule("input", "tcp dport 21 accept"))
                            .add(rule("input", "ip saddr @missing drop")))),
            apply(
                    "another owner is refused",
                    live -> Transaction.builder()
                            .add(rule("input", "tcp dport 21 accept"))
                            .build()
                            .onBehalfOf("owner-b")),
            apply(
                    "an unmanaged table is refused",
                    live -> tx(Transaction.builder().add(Chain.regular(BYSTANDER, "mine")))),
            apply(
                    "an unmanaged table is not created over",
                    live -> tx(Transaction.builder().add(Table.of(BYSTANDER)))),
            apply(
                    "policy changed, chain flushed, objects deleted",
                    live -> tx(Transaction.builder()
                            .add(new Chain(
                                    WEB,
                                    "input",
                                    new BaseChain(
                                            ChainType.FILTER,
                                            Hook.INPUT,
                                            Priority.named("filter", 0),
                                            ChainPolicy.DROP)))
                            .flush(Chain.regular(WEB, "input"))
                            .delete(new Counter(WEB, "hits"))
                            .delete(new Synproxy(WEB, "www", 1460, 7, false, false))
                            .destroy(new Counter(WEB, "never_made"))
                            .flush(NftSet.builder(WEB, "allowed")
                                    .type("ipv4_addr")
                                    .build()))),
            apply("the table destroyed", live -> tx(Transaction.builder().destroy(Table.of(WEB)))));

    @Test
    void theFakeListsAndRefusesEveryStepOfTheScenarioAsTheRealAgentDoes() {
        List<String> differences = new ArrayList<>();
        for (Step step : SCENARIO) {
            String realOutcome = outcome(step, real(WEB), true);
            String fakeOutcome = outcome(step, fake(WEB), false);
            if (!realOutcome.equals(fakeOutcome)) {
                differences.add(step.name() + ":\n  real: " + realOutcome + "\n  fake: " + fakeOutcome);
            }
            for (TableRef table : List.of(WEB, BYSTANDER)) {
                String realListing = comparable(realListing(table));
                String fakeListing = comparable(
                        fake.list(new ListParams(List.of(table))).tables().get(0));
                if (!realListing.equals(fakeListing)) {
                    differences.add("after " + step.name() + ", " + table.describe() + ":\n  real: " + realListing
                            + "\n  fake: " + fakeListing);
                }
            }
        }
        assertThat(differences).as(String.join("\n", differences)).isEmpty();
    }

    @Test
    void adoptionAndOwnershipAgree() {
        TableRef adopted = new TableRef(Family.INET, "fk_adopted");
        run("ip", "netns", "exec", NS, "nft", "add table inet fk_adopted");
        fake.byHand(Transaction.builder().add(Table.of(adopted)).build());
        List<String> outcomes = new ArrayList<>();
        for (AdoptParams params : List.of(
                new AdoptParams(new TableRef(Family.INET, "fk_absent"), "o1", false),
                new AdoptParams(adopted, "o1", false),
                new AdoptParams(adopted, "o2", false),
                new AdoptParams(adopted, "o2", true))) {
            outcomes.add(adoptOutcome(() -> real.adopt(params)) + " | " + adoptOutcome(() -> fake.adopt(params)));
            assertThat(realListing(adopted).managed()).isEqualTo(fake.manages(adopted));
        }
        assertThat(outcomes).allSatisfy(o -> assertThat(o.split(" \\| ")[0]).isEqualTo(o.split(" \\| ")[1]));
        Transaction cleanup =
                Transaction.builder().destroy(Table.of(adopted)).build().onBehalfOf("o2");
        real.apply(cleanup);
        fake.apply(cleanup);
    }

    private static String adoptOutcome(Runnable adopt) {
        try {
            adopt.run();
            return "adopted";
        } catch (AgentException e) {
            return e.code() + " " + e.object();
        }
    }

    private static LiveTable real(TableRef table) {
        TableListing listing = realListing(table);
        return listing.exists() ? listing.live() : LiveTable.empty(table);
    }

    private static LiveTable fake(TableRef table) {
        TableListing listing =
                fake.list(new ListParams(List.of(table))).tables().get(0);
        return listing.exists() ? listing.live() : LiveTable.empty(table);
    }

    private static TableListing realListing(TableRef table) {
        return real.list(new ListParams(List.of(table))).tables().get(0);
    }

    /** "ok", or the refusal as code, command index and object (the message is nft's own text, not compared). */
    private static String outcome(Step step, LiveTable live, boolean onReal) {
        Transaction transaction;
        try {
            transaction = step.transaction().apply(live);
        } catch (RuntimeException e) {
            return "not made: " + e.getMessage();
        }
        try {
            if (step.dryRun()) {
                if (onReal) {
                    real.check(transaction);
                } else {
                    fake.check(transaction, List.of());
                }
            } else if (onReal) {
                real.apply(transaction);
            } else {
                fake.apply(transaction);
            }
            return "ok";
        } catch (AgentException e) {
            return e.code() + " at command "
                    + (e.command().isPresent() ? e.command().getAsInt() : "?") + " (" + e.object() + ")";
        }
    }

    /** The listing with what FakeTable documents as different left out: handles, counter values, element order. */
    private static String comparable(TableListing listing) {
        if (!listing.exists()) {
            return "absent, managed " + listing.managed();
        }
        LiveTable live = listing.live();
        List<LiveChain> chains = live.chains().stream()
                .map(chain -> new LiveChain(
                        chain.name(),
                        chain.baseChain(),
                        chain.rules().stream()
                                .map(r -> new LiveRule(r.canonical(), r.expr(), r.comment(), 0, null, null))
                                .toList()))
                .toList();
        List<LiveSet> sets = live.sets().stream()
                .map(s -> new LiveSet(
                        s.name(),
                        s.type(),
                        s.typeof(),
                        s.flags(),
                        s.timeout(),
                        s.size(),
                        s.policy(),
                        s.autoMerge(),
                        s.elements().stream().sorted().toList()))
                .toList();
        List<LiveMap> maps = live.maps().stream()
                .map(m -> new LiveMap(
                        m.name(),
                        m.type(),
                        m.typeof(),
                        m.value(),
                        m.flags(),
                        m.timeout(),
                        m.size(),
                        m.policy(),
                        m.elements().stream().sorted().toList(),
                        new TreeMap<>(m.entries())))
                .toList();
        List<LiveCounter> counters = live.counters().stream()
                .map(c -> new LiveCounter(c.name(), 0, 0))
                .toList();
        List<LiveQuota> quotas =
                live.quotas().stream().map(q -> new LiveQuota(q.quota(), 0)).toList();
        List<ObjectReference> references = live.references().stream()
                .map(r -> new ObjectReference(r.kind(), r.name(), r.chain(), 0))
                .toList();
        return "managed " + listing.managed() + ": "
                + new LiveTable(
                        live.family(),
                        live.name(),
                        live.flags(),
                        live.comment(),
                        chains,
                        sets,
                        maps,
                        counters,
                        quotas,
                        live.limits(),
                        live.objects(),
                        references);
    }

    private static String run(String... command) {
        String[] result = runAllowingFailure(command);
        assertThat(result[0])
                .as("%s failed: %s", String.join(" ", command), result[1])
                .isEqualTo("0");
        return result[1];
    }

    private static String[] runAllowingFailure(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new String[] {Integer.toString(process.waitFor()), output};
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
