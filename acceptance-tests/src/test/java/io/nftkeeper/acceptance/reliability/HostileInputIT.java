package io.nftkeeper.acceptance.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.reliability.HostileInputs.Input;
import io.nftkeeper.acceptance.sandbox.FileTrees;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.Element;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.SetFlag;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.transport.AgentConnections;
import io.nftkeeper.transport.AgentLaunch;
import io.nftkeeper.transport.AgentTarget;
import io.nftkeeper.transport.HostAgent;
import io.nftkeeper.transport.Secret;
import io.nftkeeper.transport.SshTarget;
import io.nftkeeper.transport.TransportSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a host with a managed table and a hand-made canary table, when 12,000 mutated rule texts, element values,
 * names and comments go through the validation the provider applies and then through the agent's dry-run check,
 * then nothing crashes or hangs, every rejection is one clear error naming the object, no shell payload ever ran,
 * and the host's ruleset, canary included, is byte-identical afterwards.
 */
class HostileInputIT {

    private static final int INPUTS = 12_000;
    private static final long SEED = 20261127L;
    private static final long SLOWEST_ACCEPTABLE_CHECK_MS = 5_000;
    private static final TableRef FUZZ = new TableRef(Family.INET, "fuzz");
    private static final Pattern NUMBERS = Pattern.compile("\\d+");
    private static final Pattern SINGLE_QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern OWNER = Pattern.compile("^(rule|element|set|chain) inet fuzz \\S*: ");

    @Test
    void hostileInputIsRejectedClearlyAndNeverExecuted() throws IOException {
        Files.deleteIfExists(Path.of(HostileInputs.MARKER_FILE));
        Path agentDirectory = Files.createTempDirectory("nftkeeper-fuzz-agent-");
        try (SandboxHost host = SandboxHost.up("fz" + ProcessHandle.current().pid());
                AgentConnections pool = new AgentConnections(TransportSettings.defaults())) {
            host.nft("add table inet canary; add chain inet canary input { type filter hook input priority 0; } ; "
                    + "add rule inet canary input tcp dport 9 counter accept");
            HostAgent agent = pool.agent(new AgentTarget(
                    SshTarget.pinned(
                            host.address(), host.port(), host.user(), new Secret(host.privateKey()), host.hostKey()),
                    AgentLaunch.defaults().withDirectory(agentDirectory.toString())));
            agent.apply(Transaction.builder()
                    .add(new Table(Family.INET, "fuzz"))
                    .add(Chain.regular(FUZZ, "c"))
                    .add(Chain.regular(FUZZ, "other"))
                    .add(NftSet.builder(FUZZ, "allowed")
                            .type("ipv4_addr")
                            .flags(SetFlag.INTERVAL)
                            .build())
                    .build());
            String rulesetBefore = host.nft("list ruleset");

            Outcomes outcomes = new Outcomes();
            for (Input input : new HostileInputs(SEED).generate(INPUTS)) {
                outcomes.record(input, check(agent, input));
            }
            outcomes.report(Path.of("target", "hostile-input-report.md"));

            assertThat(outcomes.total).isGreaterThanOrEqualTo(10_000);
            assertThat(outcomes.failures).as("crashes, hangs or unclear errors").isEmpty();
            assertThat(outcomes.slowestMs).as("slowest single check in ms").isLessThan(SLOWEST_ACCEPTABLE_CHECK_MS);
            assertThat(outcomes.rejectedByValidation)
                    .as("inputs the provider's validation refused")
                    .isPositive();
            assertThat(outcomes.rejectedByNft)
                    .as("inputs nft's parser refused in the dry run")
                    .isPositive();
            assertThat(outcomes.accepted).as("inputs that were still valid nft").isPositive();
            assertThat(Path.of(HostileInputs.MARKER_FILE))
                    .as("no shell payload ran")
                    .doesNotExist();
            assertThat(host.nft("list ruleset"))
                    .as("the ruleset, canary table included")
                    .isEqualTo(rulesetBefore);
            assertThat(agent.hello("hostile-input-it").protocolVersion())
                    .as("the agent still answers")
                    .isEqualTo(1);
        } finally {
            FileTrees.delete(agentDirectory);
        }
    }

    /**
     * Hostile or careless values in a Terraform configuration (issue 19, finding 7), through terraform and the real
     * provider: each fails with one clear error at validate or plan that names the cause, without an internal error,
     * or, for a table name of 250 characters, just works; a temporary baseline file an agent killed mid-write left
     * behind is removed. The host's ruleset is unchanged by every refused one.
     */
    @Test
    void hostileConfigurationValuesFailClearlyOrWorkAndLeaveNoLitter(@TempDir Path workDir) throws IOException {
        try (SandboxHost host = SandboxHost.up("fc" + ProcessHandle.current().pid())) {
            Path baseline = host.sshdLog().resolveSibling("agent-state").resolve("baseline");
            Files.createDirectories(baseline, PosixFilePermissions.asFileAttribute(PRIVATE));
            Files.setPosixFilePermissions(baseline.getParent(), PRIVATE);
            // a writer that died before its rename: no process has this pid (above the kernel's pid_max default)
            Path stale = Files.writeString(baseline.resolve("inet-fc.json.tmp-4194303"), "{");
            String rulesetBefore = host.nft("list ruleset");

            Terraform size =
                    Terraform.in(workDir.resolve("size")).config(Hcl.provider(host) + """
                    resource "nftables_set" "s" {
                      table_id = "%s/inet/fc"
                      name     = "s"
                      type     = "ipv4_addr"
                      size     = 1.5
                    }
                    """.formatted(host.address()));
            size.init();
            assertThat(words(size.run("validate").assertExit(1)))
                    .contains("Not a whole number")
                    .doesNotContain("ArithmeticException")
                    .doesNotContain("Internal error");

            Terraform hostKey = Terraform.in(workDir.resolve("hostkey"))
                    .config(Hcl.provider(host).replace(host.hostKey(), "not a key") + Hcl.table("t", "inet", "fc"));
            hostKey.init();
            assertThat(words(hostKey.plan().assertExit(1)))
                    .contains("a host key must be a public key line like 'ssh-ed25519 AAAA...'")
                    .contains("not 'not a key'")
                    .doesNotContain("the not host key");

            Terraform address = Terraform.in(workDir.resolve("address"))
                    .config(Hcl.provider(host) + Hcl.table("t", "inet", "fc") + """
                    resource "nftables_set" "s" {
                      table_id = nftables_table.t.id
                      name     = "s"
                      type     = "ipv4_addr"
                      elements = ["10.213.0.1", "300.1.1.1"]
                    }
                    """);
            address.init();
            assertThat(words(address.plan().assertExit(1)))
                    .contains("Invalid element \"300.1.1.1\"")
                    .contains("is not an IPv4 address")
                    .doesNotContain("Could not resolve");
            assertThat(host.nft("list ruleset")).isEqualTo(rulesetBefore);

            String longName = "l".repeat(250);
            Terraform longTable = Terraform.in(workDir.resolve("long"))
                    .config(Hcl.provider(host)
                            + Hcl.table("t", "inet", longName)
                            + Hcl.chainC("c", List.of("tcp dport 22 accept")));
            longTable.init();
            longTable.apply();
            assertThat(host.nft("list table inet " + longName)).contains("tcp dport 22 accept");
            try (Stream<Path> files = Files.list(baseline)) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .as("baseline files, hashed when the table name is too long for a file name")
                        .isNotEmpty()
                        .allSatisfy(name -> assertThat(name.getBytes(StandardCharsets.UTF_8).length)
                                .isLessThanOrEqualTo(255));
            }
            assertThat(stale).as("the dead writer's temporary file").doesNotExist();
            longTable.plan().assertExit(0);
            longTable.destroy();
            assertThat(host.nft("list ruleset")).isEqualTo(rulesetBefore);
        }
    }

    private static final java.util.Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    /** Terraform wraps diagnostics at word boundaries: the words. */
    private static String words(Terraform.Result result) {
        return result.output().replace("│", " ").replaceAll("\\s+", " ");
    }

    /** What happened to one input: accepted, or rejected with a message, at validation or by the agent. */
    private record Outcome(Stage stage, String message, String object, ErrorCode code, long millis) {}

    private enum Stage {
        ACCEPTED,
        VALIDATION,
        AGENT,
        BROKEN
    }

    private static Outcome check(HostAgent agent, Input input) {
        Transaction transaction;
        try {
            transaction = transactionFor(input);
        } catch (NftkeeperException rejected) {
            return new Outcome(Stage.VALIDATION, rejected.getMessage(), null, null, 0);
        } catch (RuntimeException broken) {
            return new Outcome(Stage.BROKEN, broken.toString(), null, null, 0);
        }
        long started = System.nanoTime();
        try {
            agent.check(transaction);
            return new Outcome(Stage.ACCEPTED, null, null, null, elapsedMs(started));
        } catch (AgentException rejected) {
            return new Outcome(
                    Stage.AGENT, rejected.getMessage(), rejected.object(), rejected.code(), elapsedMs(started));
        } catch (RuntimeException broken) {
            return new Outcome(Stage.BROKEN, broken.toString(), null, null, elapsedMs(started));
        }
    }

    /** The object the provider would build from the input, as it would check it at plan time. */
    private static Transaction transactionFor(Input input) {
        String text = input.text();
        return switch (input.kind()) {
            case RULE -> Transaction.builder().add(new Rule(FUZZ, "c", text)).build();
            case ELEMENT ->
                Transaction.builder()
                        .add(new Element(FUZZ, "allowed", List.of(text)))
                        .build();
            case NAME ->
                text.length() % 2 == 0
                        ? Transaction.builder().add(Chain.regular(FUZZ, text)).build()
                        : Transaction.builder()
                                .add(NftSet.builder(FUZZ, text)
                                        .type("ipv4_addr")
                                        .build())
                                .build();
            case COMMENT ->
                Transaction.builder().add(new Rule(FUZZ, "c", "accept", text)).build();
        };
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** Counts per stage and per rejection class, and every outcome that is not a clear rejection. */
    private static final class Outcomes {
        int total;
        int accepted;
        int rejectedByValidation;
        int rejectedByNft;
        long slowestMs;
        final Map<String, Integer> classes = new TreeMap<>();
        final List<String> failures = new ArrayList<>();

        void record(Input input, Outcome outcome) {
            total++;
            slowestMs = Math.max(slowestMs, outcome.millis());
            switch (outcome.stage()) {
                case ACCEPTED -> accepted++;
                case VALIDATION -> {
                    rejectedByValidation++;
                    requireClear(input, outcome);
                    classes.merge("validation: " + rejectionClass(outcome.message()), 1, Integer::sum);
                }
                case AGENT -> {
                    rejectedByNft++;
                    if (outcome.code() == ErrorCode.INTERNAL || outcome.code() == ErrorCode.UNAVAILABLE) {
                        failures.add(describe(input) + " -> " + outcome.code() + ": " + outcome.message());
                    }
                    requireClear(input, outcome);
                    classes.merge(
                            "agent " + outcome.code() + ": "
                                    + SINGLE_QUOTED
                                            .matcher(rejectionClass(outcome.message()))
                                            .replaceAll("'…'"),
                            1,
                            Integer::sum);
                }
                case BROKEN -> failures.add(describe(input) + " -> " + outcome.message());
            }
        }

        /**
         * A clear rejection is non-empty and names what it is about: the object (in the message or, from the agent,
         * as the error's object, which the provider shows with it) or, for a name, which kind of name.
         */
        private void requireClear(Input input, Outcome outcome) {
            String message = outcome.message();
            boolean named = outcome.object() != null
                    || message != null && (message.contains("inet fuzz") || message.contains(" name "));
            if (message == null || message.isBlank() || !named) {
                failures.add(describe(input) + " -> unclear rejection: " + message);
            }
        }

        void report(Path file) throws IOException {
            StringBuilder out = new StringBuilder("# Hostile input run\n\n")
                    .append("| outcome | count |\n|---|---:|\n")
                    .append("| inputs | ")
                    .append(total)
                    .append(" |\n")
                    .append("| accepted by validation and nft's dry run | ")
                    .append(accepted)
                    .append(" |\n")
                    .append("| rejected by validation | ")
                    .append(rejectedByValidation)
                    .append(" |\n")
                    .append("| rejected by the agent (nft) | ")
                    .append(rejectedByNft)
                    .append(" |\n")
                    .append("| crashes, hangs, unclear errors | ")
                    .append(failures.size())
                    .append(" |\n")
                    .append("| slowest check | ")
                    .append(slowestMs)
                    .append(" ms |\n\n")
                    .append("| rejection class | count |\n|---|---:|\n");
            classes.forEach((rejection, count) -> out.append("| ")
                    .append(rejection.replace("|", "\\|"))
                    .append(" | ")
                    .append(count)
                    .append(" |\n"));
            Files.createDirectories(file.getParent());
            Files.writeString(file, out);
            System.err.print(out);
        }

        /**
         * What kind of problem a message describes: its first line without the owning object, the echoed input
         * (from the first to the last double quote), what nft found unexpected, and numbers.
         */
        private static String rejectionClass(String message) {
            String line = message.lines().findFirst().orElse("");
            line = OWNER.matcher(line).replaceFirst("").replace("'\"'", "'<double quote>'");
            int firstQuote = line.indexOf('"');
            if (firstQuote >= 0) {
                line = line.substring(0, firstQuote) + "…" + line.substring(line.lastIndexOf('"') + 1);
            }
            int unexpected = line.indexOf(", unexpected");
            if (unexpected >= 0) {
                line = line.substring(0, unexpected);
            }
            return NUMBERS.matcher(line).replaceAll("N").strip();
        }

        private static String describe(Input input) {
            String text = input.text();
            String shown = text.length() > 80 ? text.substring(0, 80) + "…(" + text.length() + " chars)" : text;
            return input.kind() + " " + shown.replaceAll("\\p{Cntrl}", "?");
        }
    }
}
