package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.BystanderHost;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code terraform destroy} works for any configuration: literal IDs (no dependency edges, so Terraform deletes in
 * any order, the table possibly first), children whose table is already gone; and a delete that cannot happen says
 * so as a delete.
 */
class DestroyAnyConfigIT {
    @RegisterExtension
    static final BystanderHost SANDBOX = new BystanderHost("sem-destroy");

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void useHost() {
        host = SANDBOX.host();
    }

    @Test
    void aConfigurationWithLiteralIdsIsDestroyedCleanlyEveryTime() {
        Terraform tf = Terraform.in(workDir.resolve("literal"));
        tf.config(Hcl.provider(host) + office(true));
        tf.init();
        for (int round = 1; round <= 3; round++) {
            tf.config(Hcl.provider(host) + office(true)).apply();
            // what -generate-config-out writes: the same values as literals, which order nothing
            tf.config(Hcl.provider(host) + office(false)).plan().assertExit(0);
            Terraform.Result destroyed = tf.destroy();
            assertThat(destroyed.stdout()).as("round " + round).contains("Destroy complete! Resources: 6 destroyed.");
            assertThat(host.exec("nft", "list", "tables")).as("round " + round).doesNotContain("sem_office");
            assertThat(tf.run("show").assertExit(0).stdout())
                    .as("round " + round)
                    .contains("The state file is empty");
        }
    }

    @Test
    void childrenOfATableThatIsAlreadyGoneAreDestroyed() {
        Terraform tf = Terraform.in(workDir.resolve("gone")).config(Hcl.provider(host) + office(true, "sem_gone"));
        tf.init();
        tf.apply();
        host.nft("delete table inet sem_gone");

        // without a refresh, Terraform still believes in every child and deletes each
        tf.config(Hcl.provider(host) + office(false, "sem_gone"));
        assertThat(tf.run("destroy", "-input=false", "-auto-approve", "-refresh=false")
                        .assertExit(0)
                        .stdout())
                .contains("Resources: 6 destroyed.");
    }

    @Test
    void aChainThatRulesStillUseCannotBeDeletedAndTheErrorSaysDelete() {
        Terraform tf = Terraform.in(workDir.resolve("busy"))
                .config(Hcl.provider(host)
                        + Hcl.table("t", "inet", "sem_busy")
                        + chain("target", "accept")
                        + chain("user", "jump target"));
        tf.init();
        tf.apply();

        tf.config(Hcl.provider(host) + Hcl.table("t", "inet", "sem_busy") + chain("user", "jump target"));
        Terraform.Result refused =
                tf.run("apply", "-input=false", "-auto-approve").assertExit(1);
        String output = refused.output().replaceAll("\\s+", " ");
        assertThat(output)
                .contains("Cannot delete chain inet sem_busy target")
                .contains("destroy chain inet sem_busy target failed")
                .contains("Device or resource busy")
                .contains("by reference")
                .doesNotContain("add chain");
        assertThat(host.exec("nft", "-s", "list", "table", "inet", "sem_busy")).contains("jump target");
    }

    private static String chain(String name, String rule) {
        return """
                resource "nftables_chain" "%1$s" {
                  table_id = nftables_table.t.id
                  name     = "%1$s"
                  rule { expr = "%2$s" }
                }
                """.formatted(name, rule);
    }

    /** examples/import-existing's table; with references, or with the literal values -generate-config-out writes. */
    private static String office(boolean references) {
        return office(references, "sem_office");
    }

    /** The same in table {@code tableName}, so that a test that fails leaves nothing in another test's way. */
    private static String office(boolean references, String tableName) {
        String table = references ? "nftables_table.office.id" : "\"" + host.address() + "/inet/" + tableName + "\"";
        String counter = references ? "${nftables_counter.hits.name}" : "hits";
        String set = references ? "${nftables_set.admins.name}" : "admins";
        String adminIn = references ? "${nftables_chain.admin_in.name}" : "admin_in";
        String quota = references ? "${nftables_quota.cap.name}" : "cap";
        return """
                resource "nftables_table" "office" {
                  family = "inet"
                  name   = "%6$s"
                }
                resource "nftables_counter" "hits" {
                  table_id = %1$s
                  name     = "hits"
                }
                resource "nftables_quota" "cap" {
                  table_id = %1$s
                  name     = "cap"
                  bytes    = 1000000
                }
                resource "nftables_set" "admins" {
                  table_id = %1$s
                  name     = "admins"
                  type     = "ipv4_addr"
                  flags    = ["interval"]
                  elements = ["10.213.50.0/24"]
                }
                resource "nftables_chain" "admin_in" {
                  table_id = %1$s
                  name     = "admin_in"
                  rule { expr = "tcp dport 9090 quota name \\"%5$s\\" accept" }
                }
                resource "nftables_chain" "input" {
                  table_id = %1$s
                  name     = "input"
                  type     = "filter"
                  hook     = "input"
                  priority = "filter"
                  rule { expr = "tcp dport 22 counter name \\"%2$s\\" accept" }
                  rule { expr = "ip saddr @%3$s jump %4$s" }
                }
                """.formatted(table, counter, set, adminIn, quota, tableName);
    }
}
