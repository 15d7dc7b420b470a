package io.nftkeeper.acceptance.resources;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What nft 1.0.6 accepts works through terraform too (issue 16): names with {@code /} (kube-proxy's chains) in
 * names, jump targets and import IDs; nft's escaped wildcard and every form of {@code ct status} in a filter chain;
 * numeric address spellings in rules. Each rule round-trips: applied, an empty plan, and the host lists it exactly as
 * it lists the same rule typed by hand. And counter.md's claim about exit codes holds for its own example.
 */
class NftAcceptsIT {
    /** The corpus chain of the rules nft accepts that the provider's own checks once refused. */
    private static final String CORPUS_CHAIN = "accepted_by_nft";
    private static final String KUBE_PROXY_CHAIN = "service-ULMVA6XW-namespace1/service1/tcp/p80";

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("val-accepts");
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void namesWithSlashesWorkInNamesJumpTargetsAndImportIds() {
        Terraform tf = Terraform.in(workDir).config(Hcl.provider(host) + """
                resource "nftables_table" "k8s" {
                  family = "inet"
                  name   = "val/k8s"
                }
                resource "nftables_set" "allowed" {
                  table_id = nftables_table.k8s.id
                  name     = "allowed/v4"
                  type     = "ipv4_addr"
                  elements = ["10.213.0.1"]
                }
                resource "nftables_chain" "svc" {
                  table_id = nftables_table.k8s.id
                  name     = "%s"
                  rule {
                    expr = "counter accept"
                  }
                }
                resource "nftables_chain" "forward" {
                  table_id = nftables_table.k8s.id
                  name     = "forward"
                  type     = "filter"
                  hook     = "forward"
                  priority = "0"
                  rule {
                    expr = "ip saddr @${nftables_set.allowed.name} jump ${nftables_chain.svc.name}"
                  }
                  rule {
                    expr = "tcp dport vmap { 80 : jump ${nftables_chain.svc.name}, 81 : goto ${nftables_chain.svc.name} }"
                  }
                }
                output "chain_id" {
                  value = nftables_chain.svc.id
                }
                output "table_id" {
                  value = nftables_table.k8s.id
                }
                """.formatted(KUBE_PROXY_CHAIN));
        tf.init();
        tf.apply();
        tf.plan().assertExit(0);

        String listing = host.nft("list table inet val/k8s");
        assertThat(listing).contains("chain " + KUBE_PROXY_CHAIN + " {", "set allowed/v4 {",
                "ip saddr @allowed/v4 jump " + KUBE_PROXY_CHAIN,
                "tcp dport vmap { 80 : jump " + KUBE_PROXY_CHAIN + ", 81 : goto " + KUBE_PROXY_CHAIN + " }");
        String tableId = output(tf, "table_id");
        String chainId = output(tf, "chain_id");
        assertThat(tableId).isEqualTo(host.address() + "/inet/val%2Fk8s");
        assertThat(chainId).isEqualTo(tableId + "/" + KUBE_PROXY_CHAIN);

        // the import ID terraform wrote parses back to the same chain, `/` in the chain name and all
        tf.run("state", "rm", "nftables_chain.svc").assertExit(0);
        tf.run("import", "-input=false", "nftables_chain.svc", chainId).assertExit(0);
        tf.run("state", "rm", "nftables_set.allowed").assertExit(0);
        tf.run("import", "-input=false", "nftables_set.allowed", tableId + "/allowed/v4").assertExit(0);
        tf.plan().assertExit(0);

        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("val/k8s");
    }

    @Test
    void rulesNftAcceptsApplyLeaveAnEmptyPlanAndListAsTheSameRulesTypedByHand() throws IOException {
        List<RuleCorpusIT.CorpusRule> rules = RuleCorpusIT.load().stream()
                .filter(chain -> chain.name().equals(CORPUS_CHAIN)).findFirst().orElseThrow().rules();
        assertThat(rules).as("rules of the corpus chain " + CORPUS_CHAIN).hasSizeGreaterThanOrEqualTo(20);
        StringBuilder hcl = new StringBuilder(Hcl.provider(host)).append("""
                resource "nftables_table" "t" {
                  family = "inet"
                  name   = "val_accepts"
                }
                resource "nftables_chain" "fwd" {
                  table_id = nftables_table.t.id
                  name     = "fwd"
                  type     = "filter"
                  hook     = "forward"
                  priority = "20"
                """);
        StringBuilder byHand = new StringBuilder("add table inet val_hand\nadd chain inet val_hand fwd\n");
        for (RuleCorpusIT.CorpusRule rule : rules) {
            hcl.append("  rule {\n    expr = \"").append(RuleCorpusIT.hclString(rule.expr())).append("\"\n");
            if (rule.comment() != null) {
                hcl.append("    comment = \"").append(RuleCorpusIT.hclString(rule.comment())).append("\"\n");
            }
            hcl.append("  }\n");
            byHand.append("add rule inet val_hand fwd ").append(rule.expr())
                    .append(rule.comment() == null ? "" : " comment \"" + rule.comment() + "\"").append('\n');
        }
        Terraform tf = Terraform.in(workDir).config(hcl.append("}\n").toString());
        tf.init();
        tf.apply();
        tf.plan().assertExit(0);
        tf.plan("-refresh=false").assertExit(0);

        Path script = workDir.resolve("by-hand.nft");
        Files.writeString(script, byHand);
        try {
            host.exec("nft", "-f", script.toString());
            assertThat(ruleLines(host.exec("nft", "-s", "list", "chain", "inet", "val_accepts", "fwd")))
                    .as("the rules terraform applied, as the host lists them")
                    .hasSize(rules.size())
                    .containsExactlyElementsOf(ruleLines(host.exec("nft", "-s", "list", "chain", "inet", "val_hand",
                            "fwd")));
        } finally {
            host.nft("delete table inet val_hand");
        }
        tf.destroy();
        assertThat(host.nft("list ruleset")).doesNotContain("val_accepts");
    }

    /**
     * counter.md: the counter's own values are never drift, but its example's output is a value like any other, so
     * {@code plan -detailed-exitcode} exits 2 once the counter counted; without such an output it stays at 0.
     */
    @Test
    void aCountingCounterChangesThePlanOnlyThroughAnOutputThatShowsIt() {
        String resources = Hcl.provider(host) + """
                resource "nftables_table" "filter" {
                  family = "inet"
                  name   = "val_counter"
                }
                resource "nftables_counter" "ssh" {
                  table_id = nftables_table.filter.id
                  name     = "ssh"
                }
                resource "nftables_chain" "input" {
                  table_id = nftables_table.filter.id
                  name     = "input"
                  type     = "filter"
                  hook     = "input"
                  priority = "0"
                  rule {
                    expr = "tcp dport %d counter name \\"${nftables_counter.ssh.name}\\" accept"
                  }
                }
                """.formatted(host.port());
        String output = """
                output "ssh_packets" {
                  value = nftables_counter.ssh.packets
                }
                """;
        Terraform tf = Terraform.in(workDir).config(resources + output);
        tf.init();
        tf.apply();

        // every terraform command reaches the host over SSH, which this counter counts
        Terraform.Result withOutput = tf.plan().assertExit(2);
        assertThat(withOutput.stdout()).contains("Changes to Outputs").doesNotContain("will be updated");

        tf.config(resources);
        tf.apply();
        tf.plan().assertExit(0);
        tf.plan().assertExit(0);
        tf.destroy();
    }

    /** The rule lines of one listed chain, without the base chain's header. */
    private static List<String> ruleLines(String listing) {
        return listing.lines().filter(l -> l.startsWith("\t\t") && !l.strip().startsWith("type "))
                .map(String::strip).toList();
    }

    private static String output(Terraform tf, String name) {
        return tf.run("output", "-raw", name).assertExit(0).stdout().strip();
    }
}
