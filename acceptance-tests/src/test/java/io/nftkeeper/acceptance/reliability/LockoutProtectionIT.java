package io.nftkeeper.acceptance.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.FileTrees;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.transport.AgentConnections;
import io.nftkeeper.transport.AgentLaunch;
import io.nftkeeper.transport.AgentTarget;
import io.nftkeeper.transport.HostAgent;
import io.nftkeeper.transport.LockoutProtection;
import io.nftkeeper.transport.Secret;
import io.nftkeeper.transport.SshTarget;
import io.nftkeeper.transport.TransportSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain change that drops SSH (tcp dport 22 drop before the accept). With lockout protection (the default for an
 * input chain) the agent rolls it back because no new SSH login can confirm it, and the apply says so; opted out,
 * the host stays locked out of SSH until someone restores the firewall from the console (here: {@code ip netns exec
 * ... nft}). By default only changes that can cut SSH cost the confirming login.
 */
class LockoutProtectionIT {
    private static final List<String> OPEN = List.of("ct state established,related accept", "tcp dport 22 accept");
    private static final List<String> CUTS_SSH = List.of("tcp dport 22 drop", "tcp dport 22 accept");
    private static final Duration PROBE = Duration.ofSeconds(3);
    private static final String OPT_OUT = "lockout_protection = { enabled = false }";
    private static final int CHANGES = 10;

    private SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeEach
    void startHost() {
        host = SandboxHost.up("lockout-it");
    }

    @AfterEach
    void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void withProtectionAChangeThatCutsSshIsRolledBackAndTheApplySaysSo() {
        String protection = "lockout_protection = { confirm_timeout = \"10s\" }";
        Terraform tf = Terraform.in(workDir).config(config(protection, OPEN));
        tf.init();
        long loginsBefore = host.acceptedLogins();
        long openStarted = System.nanoTime();
        tf.apply();
        Duration openApply = Duration.ofNanos(System.nanoTime() - openStarted);
        assertThat(host.acceptedLogins() - loginsBefore)
                .as("the pooled login plus one confirming login per change")
                .isGreaterThanOrEqualTo(2);
        tf.plan().assertExit(0);
        String before = host.nft("list ruleset");

        tf.config(config(protection, CUTS_SSH));
        long started = System.nanoTime();
        Terraform.Result cut = tf.run("apply", "-input=false", "-auto-approve");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(cut.exitCode()).isEqualTo(1);
        assertThat(cut.stderr().replaceAll("\\s+", " "))
                .contains("rolled back: " + host.address() + " was unreachable over SSH after the change (")
                .contains("the previous ruleset was restored");
        assertThat(took)
                .as(
                        "the apply waits out the 10 s confirm timeout and one login attempt, not much more "
                                + "than a successful apply (%s)",
                        openApply)
                .isLessThan(openApply.plusSeconds(90));
        assertThat(host.nft("list ruleset")).as("the old ruleset is back").isEqualTo(before);
        assertThat(SshProbe.canLogIn(host, PROBE))
                .as("a new SSH login works again")
                .isTrue();
        assertThat(host.exec("nft", "list", "ruleset")).doesNotContain("tcp dport 22 drop");

        // the provider's pooled connection is usable again: the same working directory plans as before
        tf.config(config(protection, OPEN));
        tf.plan().assertExit(0);
        tf.config(config(protection, CUTS_SSH));
        tf.plan().assertExit(2);
        tf.config(config(protection, OPEN));
        tf.destroy();
    }

    @Test
    void byDefaultAnInputChainChangeIsConfirmedOverASecondLoginAndAForwardChainChangeIsNot() {
        List<String> port80 = List.of("tcp dport 80 accept");
        Terraform tf = Terraform.in(workDir).config(inputAndForward("", OPEN, List.of()));
        tf.init();
        tf.apply();

        tf.config(inputAndForward("", OPEN, port80));
        long forwardChange = loginsDuring(tf::apply);
        tf.config(inputAndForward("", concat(OPEN, port80), port80));
        long inputChange = loginsDuring(tf::apply);
        tf.config(inputAndForward(OPT_OUT, OPEN, port80));
        long optedOutInputChange = loginsDuring(tf::apply);

        assertThat(inputChange)
                .as("the input chain's change is confirmed over one more login than the forward chain's")
                .isEqualTo(forwardChange + 1);
        assertThat(optedOutInputChange)
                .as("with enabled = false the input chain's change commits like the forward chain's")
                .isEqualTo(forwardChange);
        assertThat(host.nft("list chain inet guard input")).doesNotContain("dport 80");
        tf.plan().assertExit(0);
        tf.destroy();
    }

    @Test
    void withoutProtectionTheHostStaysLockedOutUntilRestoredFromTheConsole() throws Exception {
        Terraform tf = Terraform.in(workDir).config(config(OPT_OUT, OPEN));
        tf.init();
        tf.apply();

        tf.config(config(OPT_OUT, CUTS_SSH));
        CompletableFuture<Terraform.Result> apply =
                CompletableFuture.supplyAsync(() -> tf.run("apply", "-input=false", "-auto-approve"));
        awaitRuleOnHost("tcp dport 22 drop", apply);

        // nothing restores SSH by itself: new logins keep failing for a while (each probe waits up to PROBE)
        long watchUntil = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        do {
            assertThat(SshProbe.canLogIn(host, PROBE))
                    .as("nothing restores SSH by itself")
                    .isFalse();
        } while (System.nanoTime() < watchUntil);
        assertThat(host.nft("list table inet guard")).contains("tcp dport 22 drop");

        // the console fix an operator would make: delete the offending rule by its handle
        String handle = host.exec("nft", "-a", "list", "chain", "inet", "guard", "input")
                .lines()
                .filter(line -> line.contains("tcp dport 22 drop"))
                .map(line -> line.substring(line.lastIndexOf("handle ") + "handle ".length())
                        .strip())
                .findFirst()
                .orElseThrow();
        host.exec("nft", "delete", "rule", "inet", "guard", "input", "handle", handle);
        assertThat(SshProbe.canLogIn(host, PROBE))
                .as("SSH works once the firewall is restored")
                .isTrue();

        // terraform was stuck on a connection whose packets were dropped; once restored it finishes either way
        Terraform.Result result = apply.get();
        assertThat(result.exitCode()).isIn(0, 1);
        var plan = tf.plan();
        assertThat(plan.exitCode())
                .as("state and host disagree or the change is still pending: plan shows it")
                .isEqualTo(2);
        tf.config(config(OPT_OUT, OPEN));
        tf.apply();
        tf.plan().assertExit(0);
        tf.destroy();
    }

    @Test
    void eachProtectedChangeCostsExactlyOneMoreLogin() throws Exception {
        Path agentDir = Files.createTempDirectory("nftkeeper-lockout-agent-");
        try (AgentConnections pool = new AgentConnections(TransportSettings.defaults())) {
            AgentTarget plain = new AgentTarget(
                    SshTarget.pinned(
                            host.address(), host.port(), host.user(), new Secret(host.privateKey()), host.hostKey()),
                    AgentLaunch.defaults().withDirectory(agentDir.toString()));
            HostAgent unprotected = pool.agent(plain);
            HostAgent protectedAgent =
                    pool.agent(plain.withLockout(LockoutProtection.confirmWithin(Duration.ofSeconds(30))));
            unprotected.apply(
                    Transaction.builder().add(new Table(Family.INET, "cost")).build());
            protectedAgent.hello("warm-up");

            Duration plainTime = timeChanges(unprotected, "plain");
            long loginsBefore = host.acceptedLogins();
            Duration protectedTime = timeChanges(protectedAgent, "protected");

            assertThat(host.acceptedLogins() - loginsBefore).isEqualTo(CHANGES);
            System.err.printf(
                    "LockoutProtectionIT: %d changes: %d ms per change unprotected, %d ms protected%n",
                    CHANGES, plainTime.toMillis() / CHANGES, protectedTime.toMillis() / CHANGES);
        } finally {
            FileTrees.delete(agentDir);
        }
    }

    private static Duration timeChanges(HostAgent agent, String chain) {
        long started = System.nanoTime();
        for (int i = 0; i < CHANGES; i++) {
            agent.apply(Transaction.builder()
                    .add(Chain.regular(new TableRef(Family.INET, "cost"), chain + i))
                    .build());
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void awaitRuleOnHost(String rule, CompletableFuture<Terraform.Result> apply) throws InterruptedException {
        while (!host.nft("list ruleset").contains(rule)) {
            if (apply.isDone()) {
                throw new AssertionError("the rule '" + rule + "' never reached the host:\n"
                        + apply.join().output());
            }
            Thread.sleep(100);
        }
    }

    private long loginsDuring(Runnable run) {
        long before = host.acceptedLogins();
        run.run();
        return host.acceptedLogins() - before;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private String config(String protection, List<String> rules) {
        return provider(protection) + Hcl.table("t", "inet", "guard") + chain("input", "input", rules);
    }

    private String inputAndForward(String protection, List<String> inputRules, List<String> forwardRules) {
        return config(protection, inputRules) + chain("routed", "forward", forwardRules);
    }

    /** The sandbox's provider block with {@code protection} (a {@code lockout_protection} line) in place of its own. */
    private String provider(String protection) {
        return Hcl.provider(host)
                .replaceAll("(?m)^\\s*lockout_protection = .*$", "")
                .replace("host_key    =", protection + "\n  host_key    =");
    }

    private static String chain(String name, String hook, List<String> rules) {
        String ruleBlocks = rules.stream().map(rule -> """
                  rule {
                    expr = "%s"
                  }
                """.formatted(rule)).collect(Collectors.joining());
        return """
                resource "nftables_chain" "%s" {
                  table_id = nftables_table.t.id
                  name     = "%s"
                  type     = "filter"
                  hook     = "%s"
                  priority = "0"
                  policy   = "accept"
                %s}
                """.formatted(name, name, hook, ruleBlocks);
    }
}
