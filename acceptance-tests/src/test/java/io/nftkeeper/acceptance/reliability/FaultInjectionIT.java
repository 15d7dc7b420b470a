package io.nftkeeper.acceptance.reliability;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given a change of three resources (a 30-rule chain replaced by 30 other rules, a set's 40 elements replaced, a new
 * chain created — or all of it back), when the SSH connection, the agent or the provider is killed at a random moment
 * of {@code terraform apply}, then every object on the host is either completely old or completely new (each
 * resource is one kernel transaction; terraform gives no atomicity across resources, so mixes of old and new objects
 * are expected), and the next {@code terraform apply} converges with an empty plan after it.
 *
 * <p>Rounds per kind: {@code -Dnftkeeper.fault.rounds} (default 3); seed: {@code -Dnftkeeper.fault.seed}. A summary is
 * written to {@code target/fault-injection-report.md}.
 */
class FaultInjectionIT {
    private static final int ROUNDS = Integer.getInteger("nftkeeper.fault.rounds", 3);
    private static final long SEED = Long.getLong("nftkeeper.fault.seed", System.nanoTime());
    private static final Duration TERRAFORM_TIMEOUT = Duration.ofMinutes(4);
    private static final String ALREADY_EXISTS = "already exists on the host. Import it";

    private static SandboxHost host;
    private static Path agentDir;
    private static Path workDir;

    /** The three ways a run can lose its way to the kernel. */
    enum Fault { SSH_CONNECTION, AGENT, PROVIDER }

    /** The objects one configuration leaves on the host, each as {@code nft -s list} prints it (absent: empty). */
    record HostObjects(Map<String, Optional<String>> listings) {
    }

    @BeforeAll
    static void startHost() throws IOException {
        agentDir = Files.createTempDirectory("nftkeeper-fault-agent-");
        workDir = Files.createTempDirectory("nftkeeper-fault-tf-");
        host = SandboxHost.up("fault-it");
    }

    @AfterAll
    static void stopHost() throws IOException {
        try {
            if (host != null) {
                host.close();
            }
        } finally {
            for (Path dir : new Path[] {agentDir, workDir}) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
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
                String outcome = runWithFault(fault, delayMs);

                HostObjects now = objects();
                Map<String, String> states = new TreeMap<>();
                now.listings().forEach((object, listing) -> {
                    boolean isOld = listing.equals(old.listings().get(object));
                    boolean isNew = listing.equals(changed.listings().get(object));
                    assertThat(isOld || isNew).as("round %d (%s, %d ms): %s is neither old nor new:\n%s", thisRound,
                            fault, delayMs, object, listing.orElse("(absent)")).isTrue();
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

    /** Runs the apply, kills the fault's victim {@code delayMs} after the apply phase began, and waits for the end. */
    private String runWithFault(Fault fault, long delayMs) throws InterruptedException {
        TerraformProcess apply = TerraformProcess.apply(workDir);
        awaitApplyPhase(apply);
        Thread.sleep(delayMs);
        if (!apply.isAlive()) {
            assertThat(apply.await(TERRAFORM_TIMEOUT)).as("an apply nothing disturbed:\n" + apply.output()).isZero();
            return "finished before the kill";
        }
        boolean killed = kill(fault, apply);
        int exit = apply.await(TERRAFORM_TIMEOUT);
        if (!killed) {
            assertThat(exit).as("an apply nothing disturbed:\n" + apply.output()).isZero();
            return "nothing to kill at that moment";
        }
        return exit == 0 ? "killed, apply recovered" : "killed, apply failed: " + firstError(apply.output());
    }

    /** The summary line of terraform's first error, e.g. {@code Error: Cannot update chain ...}. */
    private static String firstError(String output) {
        return output.lines().filter(line -> line.startsWith("Error: ")).findFirst().orElse("(no error line)")
                .replace("|", "/");
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
    private boolean kill(Fault fault, TerraformProcess apply) throws InterruptedException {
        List<Long> victims = victims(fault, apply);
        while (victims.isEmpty() && apply.isAlive()) {
            Thread.sleep(20);
            victims = victims(fault, apply);
        }
        for (long pid : victims) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        return !victims.isEmpty();
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
            listener = Long.parseLong(Files.readString(host.sshdLog().resolveSibling("sshd.pid")).strip());
        } catch (IOException e) {
            throw new AssertionError("the sandbox's sshd pid file", e);
        }
        return ProcessHandle.of(listener).map(sshd -> sshd.children().map(ProcessHandle::pid).toList())
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
        assertThat(next.output()).as("the apply after a fault failed:\n" + next.output()).contains(ALREADY_EXISTS);
        tf.run("import", "-input=false", "nftables_chain.extra", host.address() + "/inet/fi/extra").assertExit(0);
        tf.apply();
        return "converged after import of an orphaned create";
    }

    private HostObjects objects() {
        Map<String, Optional<String>> listings = new LinkedHashMap<>();
        listings.put("table inet fi", Optional.of(String.valueOf(host.nft("list tables").contains("table inet fi"))));
        listings.put("chain c", listing("chain", "c"));
        listings.put("chain extra", listing("chain", "extra"));
        listings.put("set s", listing("set", "s"));
        return new HostObjects(listings);
    }

    private Optional<String> listing(String kind, String name) {
        CommandRun run = CommandRun.of(Duration.ofSeconds(30), List.of("ip", "netns", "exec", host.netns(), "nft",
                "-s", "list", kind, "inet", "fi", name));
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
                + Hcl.table("t", "inet", "fi") + """
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
                """.formatted(rules, elements) + extra;
    }

    /** Every round's fault, moment, outcome and the mix of old and new objects it left. */
    private static final class Report {
        private final long seed;
        private final Duration cleanApply;
        private final List<String> rows = new ArrayList<>();
        private final Map<String, Integer> counts = new TreeMap<>();

        Report(long seed, Duration cleanApply) {
            this.seed = seed;
            this.cleanApply = cleanApply;
        }

        void add(Fault fault, long delayMs, String outcome, Map<String, String> states, String recovery) {
            rows.add("| " + fault + " | " + delayMs + " | " + outcome + " | " + states + " | " + recovery + " |");
            counts.merge(fault + ": " + outcome, 1, Integer::sum);
            counts.merge(fault + ": " + recovery, 1, Integer::sum);
            if (states.containsValue("old") && states.containsValue("new")) {
                counts.merge(fault + ": objects left mixed old/new", 1, Integer::sum);
            }
        }

        void write(Path file) throws IOException {
            StringBuilder text = new StringBuilder("# Fault injection\n\nseed " + seed + ", " + ROUNDS
                    + " rounds per kind, apply phase of an undisturbed apply " + cleanApply.toMillis()
                    + " ms; " + rows.size() + " rounds done\n\n");
            counts.forEach((what, count) -> text.append("- ").append(what).append(": ").append(count).append('\n'));
            text.append("\n| fault | kill after apply began (ms) | outcome | objects | next apply |\n")
                    .append("|---|---|---|---|---|\n");
            rows.forEach(row -> text.append(row).append('\n'));
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
    }
}
