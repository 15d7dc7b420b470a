package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.BystanderHost;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** nftables_chain end to end: real terraform, the built provider, a real sshd and kernel nftables in a netns. */
class ChainResourceIT {
    /** Written as users write them; nft lists each differently (sorted set, reordered ct states, counter values). */
    private static final List<String> RULES =
            List.of("tcp dport {80,22} accept", "ct state related,established accept", "counter");

    @RegisterExtension
    static final BystanderHost SANDBOX = new BystanderHost("chain-it");

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void useHost() {
        host = SANDBOX.host();
    }

    @Test
    void aChainsRulesAreAppliedInOrderUpdatedInPlaceAndHandEditsShowInThePlan() {
        Terraform tf = Terraform.in(workDir.resolve("main")).config(config("lifecycle", "input", "0", RULES));
        tf.init();
        tf.apply();

        assertThat(rulesOnHost("lifecycle", "input"))
                .containsExactly("tcp dport { 22, 80 } accept", "ct state established,related accept", "counter");
        assertThat(host.exec("nft", "-s", "list", "chain", "inet", "lifecycle", "input"))
                .contains("type filter hook input priority filter; policy accept;");
        tf.plan().assertExit(0);
        tf.plan("-refresh=false").assertExit(0);

        List<String> changed = List.of(
                "tcp dport {80,22} accept", "tcp dport 443 accept", "ct state related,established accept", "counter");
        tf.config(config("lifecycle", "input", "0", changed));
        var update = tf.plan().assertExit(2);
        assertThat(update.stdout()).contains("nftables_chain.c will be updated in-place");
        tf.apply();
        assertThat(rulesOnHost("lifecycle", "input"))
                .containsExactly(
                        "tcp dport { 22, 80 } accept",
                        "tcp dport 443 accept",
                        "ct state established,related accept",
                        "counter");
        tf.plan().assertExit(0);

        host.nft("insert rule inet lifecycle input ip saddr 10.213.99.9 drop");
        var drift = tf.plan().assertExit(2);
        assertThat(drift.stdout())
                .contains("ip saddr 10.213.99.9 drop")
                .contains("update in-place")
                .contains("- rule {")
                .doesNotContain("known after apply")
                .doesNotContain("+ rule {");
        tf.apply();
        assertThat(rulesOnHost("lifecycle", "input"))
                .doesNotContain("ip saddr 10.213.99.9 drop")
                .hasSize(4);
        tf.plan().assertExit(0);

        tf.config(config("lifecycle", "input", "0", changed).replace("hook     = \"input\"", "hook     = \"output\""));
        var replace = tf.plan().assertExit(2);
        assertThat(replace.stdout()).contains("must be replaced").contains("forces replacement");
        tf.apply();
        assertThat(host.exec("nft", "-s", "list", "chain", "inet", "lifecycle", "input"))
                .contains("hook output");
        tf.plan().assertExit(0);

        Terraform fresh = Terraform.in(workDir.resolve("imported"))
                .config(config(
                                "lifecycle",
                                "input",
                                "0",
                                List.of(
                                        "tcp dport { 22, 80 } accept",
                                        "tcp dport 443 accept",
                                        "ct state established,related accept",
                                        "counter"))
                        .replace("hook     = \"input\"", "hook     = \"output\""));
        fresh.init();
        fresh.run("import", "-input=false", "nftables_table.t", host.address() + "/inet/lifecycle")
                .assertExit(0);
        fresh.run("import", "-input=false", "nftables_chain.c", host.address() + "/inet/lifecycle/input")
                .assertExit(0);
        Terraform.Result refused = fresh.plan();
        assertThat(refused.exitCode())
                .as("another configuration's table: refused at plan")
                .isEqualTo(1);
        assertThat(refused.stderr().replaceAll("\\s+", " "))
                .contains("Cannot import table inet lifecycle from " + host.address())
                .contains("is managed by another Terraform configuration")
                .contains("set `takeover = true`");
        fresh.planTakingOver().assertOnlyOwnerAdoption(); // unless it takes the table over

        tf.config(Hcl.provider(host) + Hcl.table("t", "inet", "lifecycle"));
        tf.apply();
        assertThat(host.nft("list table inet lifecycle")).doesNotContain("chain");

        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("lifecycle");
    }

    @Test
    void aRuleTheKernelRefusesFailsThePlanOnThatRuleAndChangesNothing() {
        Terraform tf = Terraform.in(workDir).config(Hcl.provider(host) + Hcl.table("t", "inet", "refused"));
        tf.init();
        tf.apply();
        String before = host.nft("list ruleset");

        tf.config(
                config("refused", "input", "filter", List.of("ct state established accept", "tcp dport 99999 accept")));
        var plan = tf.plan().assertExit(1);

        assertThat(plan.stderr())
                .contains("rule[1].expr")
                .contains("tcp dport 99999 accept")
                .contains("out of range");
        assertThat(host.nft("list ruleset")).isEqualTo(before);

        tf.config(Hcl.provider(host) + Hcl.table("t", "inet", "refused"));
        tf.destroy();
    }

    /** The rules of a chain as the host lists them (stateless), one per line. */
    private static List<String> rulesOnHost(String table, String chain) {
        return host.exec("nft", "-s", "list", "chain", "inet", table, chain)
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty()
                        && !line.startsWith("table ")
                        && !line.startsWith("chain ")
                        && !line.startsWith("type ")
                        && !line.equals("}"))
                .collect(Collectors.toList());
    }

    private static String config(String table, String chain, String priority, List<String> rules) {
        String ruleBlocks = rules.stream()
                .map(rule -> """
                  rule {
                    expr = "%s"
                  }
                """.formatted(rule.replace("\"", "\\\"")))
                .collect(Collectors.joining());
        return Hcl.provider(host) + Hcl.table("t", "inet", table) + """
                resource "nftables_chain" "c" {
                  table_id = nftables_table.t.id
                  name     = "%s"
                  type     = "filter"
                  hook     = "input"
                  priority = "%s"
                %s}
                """.formatted(chain, priority, ruleBlocks);
    }
}
