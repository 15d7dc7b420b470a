package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A `constant` set used by a rule gets a new element: the kernel refuses element changes of a constant set and the
 * deletion of a set in use (EBUSY), so the plan warns that the set is replaced, and the apply replaces it together
 * with the rules that use it in one transaction; the chain shows no drift afterwards.
 */
class ConstantSetIT {
    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("edit-constset");
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aNewElementOfAConstantSetInUseReplacesTheSetAndItsRulesInOneTransaction() {
        Terraform tf = Terraform.in(workDir).config(config("10.213.1.1"));
        tf.init();
        tf.apply();
        assertThat(rules())
                .containsExactly("tcp dport 22 accept", "ip saddr @allowed counter accept", "tcp dport 80 accept");

        tf.config(config("10.213.1.1", "10.213.1.2"));
        var plan = tf.plan().assertExit(2);
        assertThat(plan.output())
                .contains("Constant set allowed is replaced to change its elements")
                .contains("update in-place");
        tf.apply();
        assertThat(host.nft("list set inet constset allowed"))
                .contains("flags constant")
                .contains("elements = { 10.213.1.1, 10.213.1.2 }");
        assertThat(rules())
                .as("the rule using the set, back at its place")
                .containsExactly("tcp dport 22 accept", "ip saddr @allowed counter accept", "tcp dport 80 accept");
        tf.plan().assertExit(0);

        tf.config(config("10.213.1.2"));
        tf.apply();
        assertThat(host.nft("list set inet constset allowed")).contains("elements = { 10.213.1.2 }");
        tf.plan().assertExit(0);

        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("constset");
    }

    private static List<String> rules() {
        return host.exec("nft", "-s", "list", "chain", "inet", "constset", "input")
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty()
                        && !line.startsWith("table ")
                        && !line.startsWith("chain ")
                        && !line.startsWith("type ")
                        && !line.equals("}"))
                .collect(Collectors.toList());
    }

    private static String config(String... elements) {
        String list = List.of(elements).stream().map(e -> "\"" + e + "\"").collect(Collectors.joining(", "));
        return Hcl.provider(host) + Hcl.table("t", "inet", "constset") + """
                resource "nftables_set" "allowed" {
                  table_id = nftables_table.t.id
                  name     = "allowed"
                  type     = "ipv4_addr"
                  flags    = ["constant"]
                  elements = [%s]
                }
                resource "nftables_chain" "c" {
                  table_id = nftables_table.t.id
                  name     = "input"
                  type     = "filter"
                  hook     = "input"
                  priority = "0"
                  rule {
                    expr = "tcp dport 22 accept"
                  }
                  rule {
                    expr = "ip saddr @${nftables_set.allowed.name} counter accept"
                  }
                  rule {
                    expr = "tcp dport 80 accept"
                  }
                }
                """.formatted(list);
    }
}
