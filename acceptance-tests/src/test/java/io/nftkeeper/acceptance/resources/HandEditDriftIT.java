package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of hand edit made with {@code nft} on the host shows in {@code terraform plan -detailed-exitcode} (exit 2)
 * as exactly that change, and {@code terraform apply} restores the configuration. (A rule inserted by hand and an
 * element added by hand are covered by ChainResourceIT and SetResourceIT.)
 */
class HandEditDriftIT {
    private static final Pattern HANDLE = Pattern.compile("^\\s*(.*?) # handle (\\d+)$");
    private static final List<String> RULES =
            List.of("ct state established,related accept", "tcp dport 22 accept", "udp dport 53 counter accept");

    private static final String CONFIG = """
            resource "nftables_table" "t" {
              family = "inet"
              name   = "handedit"
            }
            resource "nftables_chain" "filter_fwd" {
              table_id = nftables_table.t.id
              name     = "filter_fwd"
              type     = "filter"
              hook     = "forward"
              priority = "0"
              rule {
                expr = "ct state established,related accept"
              }
              rule {
                expr = "tcp dport 22 accept"
              }
              rule {
                expr = "udp dport 53 counter accept"
              }
            }
            resource "nftables_chain" "side" {
              table_id = nftables_table.t.id
              name     = "side"
              rule {
                expr = "return"
              }
            }
            resource "nftables_set" "allowed" {
              table_id = nftables_table.t.id
              name     = "allowed"
              type     = "ipv4_addr"
              elements = ["10.213.0.1", "10.213.0.2"]
            }
            """;

    @TempDir
    Path workDir;

    @Test
    void everyKindOfHandEditIsPlannedAsExactlyThatChangeAndApplyRestoresIt() {
        try (SandboxHost host = SandboxHost.up("handedit-it")) {
            Terraform tf = Terraform.in(workDir).config(Hcl.provider(host) + CONFIG);
            tf.init();
            tf.apply();
            String configured = objects(host);
            tf.plan().assertExit(0);

            // a rule edited in place
            host.nft("replace rule inet handedit filter_fwd handle " + handle(host, "tcp dport 22 accept")
                    + " tcp dport 2222 accept");
            String edited = driftPlan(tf);
            assertThat(edited)
                    .contains("nftables_chain.filter_fwd will be updated in-place")
                    .contains("~ expr      = \"tcp dport 2222 accept\" -> \"tcp dport 22 accept\"")
                    .doesNotContain("udp dport 53")
                    .doesNotContain("nftables_set.allowed will");
            restored(tf, host, configured);

            // a rule deleted
            host.nft("delete rule inet handedit filter_fwd handle " + handle(host, "udp dport 53 counter accept"));
            String deleted = driftPlan(tf);
            assertThat(deleted)
                    .contains("nftables_chain.filter_fwd will be updated in-place")
                    .contains("+ rule {")
                    .contains("+ expr      = \"udp dport 53 counter accept\"")
                    .doesNotContain("- rule {");
            restored(tf, host, configured);

            // rules reordered: the first rule moved to the end
            host.nft("delete rule inet handedit filter_fwd handle "
                    + handle(host, "ct state established,related accept"));
            host.nft("add rule inet handedit filter_fwd ct state established,related accept");
            assertThat(rules(host)).containsExactly(RULES.get(1), RULES.get(2), RULES.get(0));
            String reordered = driftPlan(tf);
            assertThat(reordered)
                    .contains("nftables_chain.filter_fwd will be updated in-place")
                    .contains("ct state established,related accept");
            restored(tf, host, configured);

            // the chain's policy changed
            host.nft("add chain inet handedit filter_fwd { type filter hook forward priority 0; policy drop; }");
            String policy = driftPlan(tf);
            assertThat(policy).contains("~ policy   = \"drop\" -> \"accept\"").doesNotContain("rule {");
            restored(tf, host, configured);

            // a set element removed
            host.nft("delete element inet handedit allowed { 10.213.0.2 }");
            String element = driftPlan(tf);
            assertThat(element)
                    .contains("nftables_set.allowed will be updated in-place")
                    .contains("+ \"10.213.0.2\"")
                    .doesNotContain("nftables_chain.filter_fwd will")
                    .doesNotContain("nftables_chain.side will");
            restored(tf, host, configured);

            // a chain deleted
            host.nft("delete chain inet handedit side");
            String chain = driftPlan(tf);
            assertThat(chain)
                    .contains("nftables_chain.side will be created")
                    .contains("Plan: 1 to add, 0 to change, 0 to destroy.");
            restored(tf, host, configured);

            // the whole table deleted
            host.nft("delete table inet handedit");
            String table = driftPlan(tf);
            assertThat(table)
                    .contains("nftables_table.t will be created")
                    .contains("nftables_chain.filter_fwd will be created")
                    .contains("nftables_chain.side will be created")
                    .contains("nftables_set.allowed will be created")
                    .contains("Plan: 4 to add, 0 to change, 0 to destroy.");
            restored(tf, host, configured);

            tf.plan().assertExit(0);
            tf.destroy();
            assertThat(host.nft("list ruleset")).isBlank();
        }
    }

    /** The plan after a hand edit: it must report changes (exit 2). */
    private static String driftPlan(Terraform tf) {
        return tf.plan().assertExit(2).stdout();
    }

    /** Apply, then the host lists each object as right after the first apply. */
    private static void restored(Terraform tf, SandboxHost host, String configured) {
        tf.apply();
        assertThat(objects(host)).isEqualTo(configured);
    }

    /**
     * The table's objects one by one, stateless (no counter values): a table recreated by apply lists its chains in
     * the order they were created again, which may differ.
     */
    private static String objects(SandboxHost host) {
        return host.exec("nft", "-s", "list", "chain", "inet", "handedit", "filter_fwd")
                + host.exec("nft", "-s", "list", "chain", "inet", "handedit", "side")
                + host.exec("nft", "-s", "list", "set", "inet", "handedit", "allowed");
    }

    private static List<String> rules(SandboxHost host) {
        List<String> rules = new ArrayList<>();
        for (String line : listing(host)) {
            Matcher m = HANDLE.matcher(line);
            if (m.matches() && !line.strip().startsWith("chain ")) {
                rules.add(m.group(1));
            }
        }
        return rules;
    }

    private static String handle(SandboxHost host, String rule) {
        for (String line : listing(host)) {
            Matcher m = HANDLE.matcher(line);
            if (m.matches() && m.group(1).equals(rule)) {
                return m.group(2);
            }
        }
        throw new AssertionError("no rule \"" + rule + "\" in chain filter_fwd of the host");
    }

    /** The chain's lines with handles, without counter values. */
    private static String[] listing(SandboxHost host) {
        return host.exec("nft", "-a", "-s", "list", "chain", "inet", "handedit", "filter_fwd")
                .split("\n");
    }
}
