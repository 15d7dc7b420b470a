package io.nftkeeper.acceptance.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.FileTrees;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Given a change of three resources (a 30-rule chain replaced by 30 other rules, a set's 40 elements replaced, a new
 * chain created — or all of it back), when the SSH connection, the agent or the provider is killed at a random moment
 * of {@code terraform apply}, then every object on the host is either completely old or completely new (each
 * resource is one kernel transaction; terraform gives no atomicity across resources, so mixes of old and new objects
 * are expected), and the next {@code terraform apply} converges with an empty plan after it.
 *
 * <p>Rounds per kind: {@code -Dnftkeeper.fault.rounds} (default 1, what CI runs: each fault once, at a random
 * moment, which keeps the acceptance stage short; the documented runs ask for 50); seed: {@code -Dnftkeeper.fault.seed}. A summary is written to
 * {@code target/fault-injection-report.md}: every round, and every failed run classified by its cause
 * ({@link GiveUp}); the provider's log of each failed run is kept in {@code target/fault-injection-logs/}.
 */
class FaultInjectionIT {
    private static final int ROUNDS = Integer.getInteger("nftkeeper.fault.rounds", 1);
    private static final long SEED = Long.getLong("nftkeeper.fault.seed", System.nanoTime());
    /** Sandbox names are global on the machine: a second run next to a long one needs its own. */
    private static final String SANDBOX = "fault-" + ProcessHandle.current().pid();

    private static final Path LOGS = Path.of("target", "fault-injection-logs");
    private static final Duration TERRAFORM_TIMEOUT = Duration.ofMinutes(4);
    private static final String ALREADY_EXISTS = "already exists on the host. Import it";

    private static SandboxHost host;
    private static Path agentDir;
    private static Path workDir;

    /** The three ways a run can lose its way to the kernel. */
    enum Fault {
        SSH_CONNECTION,
        AGENT,
        PROVIDER
    }

    /** The objects one configuration leaves on the host, each as {@code nft -s list} prints it (absent: empty). */
    record HostObjects(Map<String, Optional<String>> listings) {}

    @BeforeAll
    static void startHost() throws IOException {
        agentDir = Files.createTempDirectory("nftkeeper-fault-agent-");
        workDir = Files.createTempDirectory("nftkeeper-fault-tf-");
        host = SandboxHost.up(SANDBOX);
    }

    @AfterAll
    static void stopHost() throws IOException {
        try {
            if (host != null) {
                host.close();
            }
        } finally {
            try {
                FileTrees.delete(agentDir);
            } finally {
                FileTrees.delete(workDir);
            }
        }
    }

    @Test
    void aKilledConnectionAgentOrProviderLeavesEveryObjectOldOrNewAndTheNextApplyConverges() throws Exception {
        Random random = new Random(SEED);
        Terraform tf = Terraform.in(workDir).config(config(false));
        tf.init();
        tf.apply();
        HostObjects old = objects();
        tf.config(config(true));
        Duration cleanApply = applyPhaseOfCleanApply();
        HostObjects changed = objects();
        assertThat(changed).isNotEqualTo(old);
        tf.plan().assertExit(0);
        boolean atNew = true;

        Report report = new Report(SEED, cleanApply);
        for (int round = 1; round <= ROUNDS; round++) {
            int thisRound = round;
            for (Fault fault : Fault.values()) {
                atNew = !atNew;
                tf.config(config(atNew));
                long delayMs = (long) (random.nextDouble() * cleanApply.toMillis());
                Files.createDirectories(LOGS);
                Run outcome = runWithFault(
                        fault,
                        delayMs,
                        LOGS.resolve("round-" + round + "-" + fault.name().toLowerCase() + ".log"));

                HostObjects now = objects();
                Map<String, String> states = new TreeMap<>();
                now.listings().forEach((object, listing) -> {
                    boolean isOld = listing.equals(old.listings().get(object));
                    boolean isNew = listing.equals(changed.listings().get(object));
                    assertThat(isOld || isNew)
                            .as(
                                    "round %d (%s, %d ms): %s is neither old nor new:\n%s",
                                    thisRound, fault, delayMs, object, listing.orElse("(absent)"))
                            .isTrue();
                    states.put(object, isOld && isNew ? "same" : isOld ? "old" : "new");
                });

                String recovery = converge(tf);
                tf.plan().assertExit(0);
                assertThat(objects()).as("after converging").isEqualTo(atNew ? changed : old);
                report.add(fault, delayMs, outcome, states, recovery);
                report.write(Path.of("target", "fault-injection-report.md"));
            }
        }
        tf.destroy();
    }

    /** How long terraform spends applying (from its first "Modifying..." to its exit) when nothing disturbs it. */
    private Duration applyPhaseOfCleanApply() throws InterruptedException {
        TerraformProcess apply = TerraformProcess.apply(workDir);
        awaitApplyPhase(apply);
        long started = System.nanoTime();
        assertThat(apply.await(TERRAFORM_TIMEOUT)).as(apply.output()).isZero();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * Runs the apply, kills the fault's victim {@code delayMs} after the apply phase began, and waits for the end.
     * The provider's log ({@code TF_LOG_PROVIDER=DEBUG}) is kept in {@code log} when the run failed.
     */
    private Run runWithFault(Fault fault, long delayMs, Path log) throws InterruptedException, IOException {
        TerraformProcess apply = TerraformProcess.start(
                workDir,
                Map.of(
                        "TF_LOG_PROVIDER",
                        "DEBUG",
                        "TF_LOG_PATH",
                        log.toAbsolutePath().toString()),
                "apply",
                "-input=false",
                "-auto-approve");
        awaitApplyPhase(apply);
        Thread.sleep(delayMs);
        Run run;
        if (!apply.isAlive()) {
            assertThat(apply.await(TERRAFORM_TIMEOUT))
                    .as("an apply nothing disturbed:\n" + apply.output())
                    .isZero();
            run = new Run(Kill.NONE, "finished before the kill", List.of(), List.of());
        } else {
            Kill kill = kill(fault, apply);
            int exit = apply.await(TERRAFORM_TIMEOUT);
            if (kill == Kill.NONE) {
                assertThat(exit)
                        .as("an apply nothing disturbed:\n" + apply.output())
                        .isZero();
                run = new Run(kill, "nothing to kill at that moment", List.of(), List.of());
            } else {
                List<String> recoveries = Files.exists(log) ? Recovery.of(Files.readString(log)) : List.of();
                run = exit == 0
                        ? new Run(kill, "killed, apply recovered", recoveries, List.of())
                        : new Run(kill, "killed, apply failed", recoveries, errors(apply.output()));
            }
        }
        if (run.errors().isEmpty()) {
            Files.deleteIfExists(log);
        }
        return run;
    }

    /** Whether and when the victim died: it was running at the chosen moment, or it was killed as it appeared. */
    enum Kill {
        NONE("-"),
        RUNNING("running"),
        AS_IT_STARTED("as it started");

        private final String text;

        Kill(String text) {
            this.text = text;
        }
    }

    /**
     * One faulty run: how the kill went, what terraform made of it, how the provider recovered (its log's words, see
     * {@link Recovery}) and every error terraform printed.
     */
    record Run(Kill kill, String outcome, List<String> recoveries, List<String> errors) {}

    /** What the provider logged while it recovered from a lost connection, which tells which call the kill hit. */
    enum Recovery {
        START_RETRIED("agent start retried", "was lost while the agent started"),
        BOOTSTRAP_RETRIED("bootstrap retried", "was lost while checking the agent"),
        CONNECT_RETRIED("connect retried", "; trying again in"),
        APPLY_HAD_COMMITTED("apply had committed", "had committed"),
        APPLY_RESENT("apply resent", "did not commit; sending it again"),
        CALL_RESENT("read or check resent", "sending it again over a new connection");

        private final String text;
        private final String marker;

        Recovery(String text, String marker) {
            this.text = text;
            this.marker = marker;
        }

        /**
         * Each recovery the provider's log shows, with how often, e.g. {@code apply resent x2}. A line counts once,
         * for the first recovery it names (a retried start is logged as a connect tried again, too).
         */
        static List<String> of(String providerLog) {
            Map<Recovery, Long> times = providerLog
                    .lines()
                    .flatMap(line -> Stream.of(values())
                            .filter(r -> line.contains(r.marker))
                            .limit(1))
                    .collect(Collectors.groupingBy(r -> r, TreeMap::new, Collectors.counting()));
            return times.entrySet().stream()
                    .map(e -> e.getKey().text + (e.getValue() > 1 ? " x" + e.getValue() : ""))
                    .toList();
        }
    }

    /**
     * Why a run failed after its victim was killed, from the provider's own words: which phase the kill hit and
     * what gave up. Checked in order; a run's errors may fall into several.
     */
    enum GiveUp {
        PROVIDER_KILLED(
                "the provider was killed (\"Plugin did not respond\"): nothing is left to retry",
                "Plugin did not respond"),
        AGENT_START_RETRIES_EXHAUSTED(
                "the kill hit the agent's start; every reconnect attempt failed too",
                "was lost while the agent started"),
        AGENT_START_NOT_RETRIED(
                "the kill hit the agent's start and the provider called it a failed start, "
                        + "without a second attempt",
                "did not start: the agent connection closed"),
        BOOTSTRAP(
                "the kill hit the bootstrap's check of java and the agent jar",
                "was lost while checking the agent",
                "checking java and the agent jar"),
        LOGIN("the kill hit the SSH login", "SSH connection to"),
        APPLY_STATUS_UNKNOWN(
                "the kill hit an apply, and asking a new agent whether it committed failed",
                "whether the change committed cannot be told"),
        CALL_LOST("the kill hit a call, and sending it again over a new connection failed", "(during "),
        OTHER("something else (see the row)");

        private final String description;
        private final List<String> markers;

        GiveUp(String description, String... markers) {
            this.description = description;
            this.markers = List.of(markers);
        }

        static GiveUp of(String error) {
            return Stream.of(values())
                    .filter(cause -> cause.markers.stream().anyMatch(error::contains))
                    .findFirst()
                    .orElse(OTHER);
        }
    }

    /** Every error terraform printed: its summary line, a dash, and its detail paragraph on one line. */
    static List<String> errors(String output) {
        List<String> lines = output.lines().map(String::strip).toList();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("Error: ")) {
                continue;
            }
            int detail = i + 1;
            // terraform puts the resource's address and the configuration's line between summary and detail
            while (detail < lines.size()
                    && (lines.get(detail).isEmpty()
                            || lines.get(detail).startsWith("with ")
                            || lines.get(detail).startsWith("on ")
                            || lines.get(detail).matches("\\d+: .*"))) {
                detail++;
            }
            StringBuilder paragraph = new StringBuilder();
            for (int j = detail;
                    j < lines.size() && !lines.get(j).isEmpty() && !lines.get(j).startsWith("Error: ");
                    j++) {
                paragraph.append(paragraph.isEmpty() ? "" : " ").append(lines.get(j));
            }
            errors.add(lines.get(i).substring("Error: ".length()) + " — " + paragraph);
        }
        return errors;
    }

    private static void awaitApplyPhase(TerraformProcess apply) throws InterruptedException {
        long giveUp = System.nanoTime() + TERRAFORM_TIMEOUT.toNanos();
        while (apply.isAlive() && !applyPhaseStarted(apply.stdout()) && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
    }

    private static boolean applyPhaseStarted(String output) {
        return output.contains("Modifying...") || output.contains("Creating...") || output.contains("Destroying...");
    }

    /**
     * Kills the victim, or, while the apply's provider is still connecting (terraform starts a new provider for the
     * apply phase, which logs in on its first change), the victim as soon as it appears.
     */
    private Kill kill(Fault fault, TerraformProcess apply) throws InterruptedException {
        List<Long> victims = victims(fault, apply);
        Kill kill = Kill.RUNNING;
        while (victims.isEmpty() && apply.isAlive()) {
            kill = Kill.AS_IT_STARTED;
            Thread.sleep(20);
            victims = victims(fault, apply);
        }
        for (long pid : victims) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        return victims.isEmpty() ? Kill.NONE : kill;
    }

    private static List<Long> victims(Fault fault, TerraformProcess apply) {
        return switch (fault) {
            case SSH_CONNECTION -> sshdChildren();
            case AGENT -> agentProcesses();
            case PROVIDER -> apply.provider().map(p -> List.of(p.pid())).orElse(List.of());
        };
    }

    /** The sshd processes serving one connection each, children of the sandbox's listening sshd. */
    private static List<Long> sshdChildren() {
        long listener;
        try {
            listener = Long.parseLong(
                    Files.readString(host.sshdLog().resolveSibling("sshd.pid")).strip());
        } catch (IOException e) {
            throw new AssertionError("the sandbox's sshd pid file", e);
        }
        return ProcessHandle.of(listener)
                .map(sshd -> sshd.children().map(ProcessHandle::pid).toList())
                .orElse(List.of());
    }

    /** Agents started from this test's agent directory (so no other test's agent is ever touched). */
    private static List<Long> agentProcesses() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(agentDir.toString()))
                .filter(p -> p.info().commandLine().orElse("").contains(" serve"))
                .map(ProcessHandle::pid)
                .toList();
    }

    /**
     * The next apply. A chain or set that a killed provider created on the host without terraform recording it
     * cannot be created again ("already exists ... Import it"): the test then does what the error says, imports it,
     * and applies again, and the report counts it.
     */
    private String converge(Terraform tf) {
        Terraform.Result next = tf.run("apply", "-input=false", "-auto-approve");
        if (next.exitCode() == 0) {
            return "converged";
        }
        assertThat(next.output())
                .as("the apply after a fault failed:\n" + next.output())
                .contains(ALREADY_EXISTS);
        tf.run("import", "-input=false", "nftables_chain.extra", host.address() + "/inet/fi/extra")
                .assertExit(0);
        tf.apply();
        return "converged after import of an orphaned create";
    }

    private HostObjects objects() {
        Map<String, Optional<String>> listings = new LinkedHashMap<>();
        listings.put(
                "table inet fi",
                Optional.of(String.valueOf(host.nft("list tables").contains("table inet fi"))));
        listings.put("chain c", listing("chain", "c"));
        listings.put("chain extra", listing("chain", "extra"));
        listings.put("set s", listing("set", "s"));
        return new HostObjects(listings);
    }

    private Optional<String> listing(String kind, String name) {
        CommandRun run = CommandRun.of(
                Duration.ofSeconds(30),
                List.of("ip", "netns", "exec", host.netns(), "nft", "-s", "list", kind, "inet", "fi", name));
        return run.succeeded() ? Optional.of(run.stdout()) : Optional.empty();
    }

    /** Old: 30 tcp accepts, elements 10.1.0.x, no extra chain. New: 30 other udp drops, 10.2.0.x, an extra chain. */
    private String config(boolean changed) {
        String rules = IntStream.range(0, 30)
                .mapToObj(i -> changed ? "udp dport " + (2000 + i) + " drop" : "tcp dport " + (1000 + i) + " accept")
                .map(rule -> "  rule {\n    expr = \"" + rule + "\"\n  }\n")
                .collect(Collectors.joining());
        String elements = IntStream.rangeClosed(1, 40)
                .mapToObj(i -> "\"10." + (changed ? 2 : 1) + ".0." + i + "\"")
                .collect(Collectors.joining(", "));
        String extra = !changed ? "" : """
                resource "nftables_chain" "extra" {
                  table_id = nftables_table.t.id
                  name     = "extra"
                  rule {
                    expr = "ip saddr 10.3.0.1 drop"
                  }
                  rule {
                    expr = "ip saddr 10.3.0.2 drop"
                  }
                }
                """;
        return Hcl.provider(host).replace("host_key    =", "agent_dir   = \"" + agentDir + "\"\n  host_key    =")
                + Hcl.table("t", "inet", "fi")
                + """
                resource "nftables_chain" "c" {
                  table_id = nftables_table.t.id
                  name     = "c"
                %s}
                resource "nftables_set" "s" {
                  table_id = nftables_table.t.id
                  name     = "s"
                  type     = "ipv4_addr"
                  elements = [%s]
                }
                """.formatted(rules, elements)
                + extra;
    }

    /**
     * Every round's fault, moment, outcome and the mix of old and new objects it left; every failed run classified
     * by why it gave up ({@link GiveUp}).
     */
    private static final class Report {
        private final long seed;
        private final Duration cleanApply;
        private final List<String> rows = new ArrayList<>();
        private final Map<String, Integer> counts = new TreeMap<>();
        private final Map<String, Integer> giveUps = new TreeMap<>();

        Report(long seed, Duration cleanApply) {
            this.seed = seed;
            this.cleanApply = cleanApply;
        }

        void add(Fault fault, long delayMs, Run run, Map<String, String> states, String recovery) {
            String causes = run.errors().stream()
                    .map(GiveUp::of)
                    .distinct()
                    .map(GiveUp::name)
                    .collect(Collectors.joining(" + "));
            rows.add("| " + fault + " | " + delayMs + " | " + run.kill().text + " | " + run.outcome() + " | "
                    + String.join(", ", run.recoveries()) + " | " + causes + " | "
                    + String.join(" // ", run.errors()).replace("|", "/") + " | " + states + " | "
                    + recovery + " |");
            counts.merge(fault + ": " + run.outcome(), 1, Integer::sum);
            counts.merge(fault + ": " + recovery, 1, Integer::sum);
            if (states.containsValue("old") && states.containsValue("new")) {
                counts.merge(fault + ": objects left mixed old/new", 1, Integer::sum);
            }
            if (!causes.isEmpty()) {
                giveUps.merge(fault + ": " + causes, 1, Integer::sum);
            }
        }

        void write(Path file) throws IOException {
            StringBuilder text = new StringBuilder("# Fault injection\n\nseed " + seed + ", " + ROUNDS
                    + " rounds per kind, apply phase of an undisturbed apply " + cleanApply.toMillis()
                    + " ms; " + rows.size() + " rounds done\n\n");
            counts.forEach((what, count) ->
                    text.append("- ").append(what).append(": ").append(count).append('\n'));
            text.append("\n## Failed runs by cause\n\n");
            giveUps.forEach((what, count) ->
                    text.append("- ").append(what).append(": ").append(count).append('\n'));
            text.append(giveUps.isEmpty() ? "none\n\n" : "\n");
            for (GiveUp cause : GiveUp.values()) {
                text.append("- ")
                        .append(cause.name())
                        .append(": ")
                        .append(cause.description)
                        .append('\n');
            }
            text.append("\n| fault | kill after apply began (ms) | victim killed | outcome | provider's recovery "
                            + "| cause | errors (summary — detail) | objects | next apply |\n")
                    .append("|---|---|---|---|---|---|---|---|---|\n");
            rows.forEach(row -> text.append(row).append('\n'));
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
    }
}
