package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.ProviderMirror;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        String config = Hcl.provider(host) + """
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
                """.formatted(KUBE_PROXY_CHAIN);
        Terraform tf = Terraform.in(workDir.resolve("first")).config(config);
        tf.init();
        tf.apply();
        tf.plan().assertExit(0);

        String listing = host.nft("list table inet val/k8s");
        assertThat(listing)
                .contains(
                        "chain " + KUBE_PROXY_CHAIN + " {",
                        "set allowed/v4 {",
                        "ip saddr @allowed/v4 jump " + KUBE_PROXY_CHAIN,
                        "tcp dport vmap { 80 : jump " + KUBE_PROXY_CHAIN + ", 81 : goto " + KUBE_PROXY_CHAIN + " }");
        String tableId = output(tf, "table_id");
        String chainId = output(tf, "chain_id");
        assertThat(tableId).isEqualTo(host.address() + "/inet/val%2Fk8s");
        assertThat(chainId).isEqualTo(tableId + "/" + KUBE_PROXY_CHAIN);

        // the IDs terraform shows import the same objects into a fresh state, `/` in their names and all
        Terraform fresh = Terraform.in(workDir.resolve("fresh"))
                .config(Hcl.takingOver(config)
                        + Hcl.imports(Map.of(
                                "nftables_table.k8s",
                                tableId,
                                "nftables_set.allowed",
                                tableId + "/allowed/v4",
                                "nftables_chain.svc",
                                chainId,
                                "nftables_chain.forward",
                                tableId + "/forward")));
        fresh.init();
        assertThat(fresh.apply().stdout()).contains("4 imported, 0 added, 1 changed, 0 destroyed");
        fresh.plan().assertExit(0);

        fresh.destroy();
        assertThat(host.nft("list tables")).doesNotContain("val/k8s");
    }

    @Test
    void rulesNftAcceptsApplyLeaveAnEmptyPlanAndListAsTheSameRulesTypedByHand() throws IOException {
        List<RuleCorpusIT.CorpusRule> rules = RuleCorpusIT.load().stream()
                .filter(chain -> chain.name().equals(CORPUS_CHAIN))
                .findFirst()
                .orElseThrow()
                .rules();
        assertThat(rules).as("rules of the corpus chain " + CORPUS_CHAIN).hasSizeGreaterThanOrEqualTo(20);
        StringBuilder hcl = new StringBuilder(Hcl.provider(host)).append("""
                resource "nftables_table" "t" {
                  family = "inet"
                  name   = "val_accepts"
                }
                resource "nftables_chain" "accepts" {
                  table_id = nftables_table.t.id
                  name     = "accepts"
                  type     = "filter"
                  hook     = "forward"
                  priority = "20"
                """);
        // ("fwd" would not do: it is an nft keyword)
        StringBuilder byHand = new StringBuilder("add table inet val_hand\nadd chain inet val_hand accepts\n");
        for (RuleCorpusIT.CorpusRule rule : rules) {
            hcl.append("  rule {\n    expr = \"")
                    .append(RuleCorpusIT.hclString(rule.expr()))
                    .append("\"\n");
            if (rule.comment() != null) {
                hcl.append("    comment = \"")
                        .append(RuleCorpusIT.hclString(rule.comment()))
                        .append("\"\n");
            }
            hcl.append("  }\n");
            byHand.append("add rule inet val_hand accepts ")
                    .append(rule.expr())
                    .append(rule.comment() == null ? "" : " comment \"" + rule.comment() + "\"")
                    .append('\n');
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
            assertThat(ruleLines(host.exec("nft", "-s", "list", "chain", "inet", "val_accepts", "accepts")))
                    .as("the rules terraform applied, as the host lists them")
                    .hasSize(rules.size())
                    .containsExactlyElementsOf(
                            ruleLines(host.exec("nft", "-s", "list", "chain", "inet", "val_hand", "accepts")));
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
    void theCounterExampleChangesThePlanOnlyThroughItsOutput() throws IOException {
        String example = Files.readString(
                        ProviderMirror.repository().resolve("examples/resources/nftables_counter/resource.tf"))
                .replace("tcp dport 22 ", "tcp dport " + host.port() + " ");
        int output = example.indexOf("output \"ssh_packets\"");
        assertThat(output).as("the example's output").isPositive();
        Terraform tf = Terraform.in(workDir).config(Hcl.provider(host) + example);
        tf.init();
        tf.apply();

        // every terraform command reaches the host over SSH, which the example's rule counts
        Terraform.Result withOutput = tf.plan().assertExit(2);
        assertThat(withOutput.stdout()).contains("Changes to Outputs").doesNotContain("will be updated");

        tf.config(Hcl.provider(host) + example.substring(0, output));
        tf.apply();
        tf.plan().assertExit(0);
        tf.plan().assertExit(0);
        tf.destroy();
    }

    /** The rule lines of one listed chain, without the base chain's header. */
    private static List<String> ruleLines(String listing) {
        return listing.lines()
                .filter(l -> l.startsWith("\t\t") && !l.strip().startsWith("type "))
                .map(String::strip)
                .toList();
    }

    private static String output(Terraform tf, String name) {
        return tf.run("output", "-raw", name).assertExit(0).stdout().strip();
    }
}
