package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule is a rule, not a placement (issue 19, finding 4): an expr that begins with {@code index}, {@code position} or
 * {@code handle} is refused by {@code terraform validate} and by plan on the rule's own attribute, and the host keeps
 * its ruleset; a rule that merely mentions those words later is applied.
 */
class RulePlacementIT {

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("sec-place");
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aLeadingPlacementKeywordIsRefusedAtValidateAndPlanAndTheHostIsUnchanged() {
        Terraform tf = Terraform.in(workDir).config(config("tcp dport 22 accept", "log prefix \"index 0 \" accept"));
        tf.init();
        tf.apply();
        String before = host.nft("list ruleset");

        for (String placement : new String[] {"index 0 tcp dport 22 drop", "position 1 drop", "handle 2 drop"}) {
            tf.config(config("tcp dport 22 accept", placement));
            String validate = tf.run("validate").assertExit(1).output().replaceAll("\\s+", " ");
            assertThat(validate)
                    .contains("Invalid rule")
                    .contains("begins with `"
                            + placement.substring(0, placement.indexOf(' ', placement.indexOf(' ') + 1)) + "`")
                    .contains("rule[1].expr")
                    .contains("order of the chain's rule blocks");
            String plan = tf.plan().assertExit(1).output().replaceAll("\\s+", " ");
            assertThat(plan).contains("Invalid rule").contains("rule[1].expr");
            tf.run("apply", "-input=false", "-auto-approve").assertExit(1);
            assertThat(host.nft("list ruleset")).isEqualTo(before);
        }

        tf.config(config("tcp dport 22 accept", "log prefix \"index 0 \" accept"));
        tf.plan().assertExit(0);
        tf.destroy();
    }

    private static String config(String first, String second) {
        return Hcl.provider(host)
                + Hcl.table("t", "inet", "sec_place")
                + """
                resource "nftables_chain" "c" {
                  table_id = nftables_table.t.id
                  name     = "c"
                  rule { expr = %s }
                  rule { expr = %s }
                }
                """.formatted(hclString(first), hclString(second));
    }

    private static String hclString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
