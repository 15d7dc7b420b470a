package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.BystanderHost;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** nftables_table end to end: real terraform, the built provider, a real sshd and kernel nftables in a netns. */
class TableResourceIT {

    @RegisterExtension
    static final BystanderHost SANDBOX = new BystanderHost("table-it");

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void useHost() {
        host = SANDBOX.host();
    }

    @Test
    void applyCreatesTheTableThePlanAfterwardsIsEmptyAndATableDeletedByHandIsCreatedAgain() {
        Terraform tf = Terraform.in(workDir).config(config("quickstart"));
        tf.init();
        tf.apply();

        assertThat(host.nft("list tables")).contains("table inet quickstart");
        tf.plan().assertExit(0);
        tf.plan("-refresh=false").assertExit(0);

        host.nft("delete table inet quickstart");
        var plan = tf.plan().assertExit(2);
        assertThat(plan.stdout()).contains("nftables_table.t will be created");

        tf.apply();
        assertThat(host.nft("list tables")).contains("table inet quickstart");
        tf.plan().assertExit(0);

        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("table inet quickstart");
    }

    @Test
    void anExistingTableIsAdoptedOnlyThroughImport() {
        host.nft("add table inet adopted");
        Terraform tf = Terraform.in(workDir).config(config("adopted"));
        tf.init();

        var refused = tf.run("apply", "-input=false", "-auto-approve").assertExit(1);
        assertThat(refused.stderr()).contains("already exists").contains("import");

        tf.run("import", "-input=false", "nftables_table.t", host.address() + "/inet/adopted")
                .assertExit(0);
        // import only reads; the apply adopts the table
        assertThat(tf.plan().assertExit(2).stdout()).contains("~ managed = false -> true");
        tf.apply();
        tf.plan().assertExit(0);

        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("table inet adopted");
    }

    @Test
    void flagsChangeInPlaceACommentChangeReplacesAndImportReadsBoth() throws Exception {
        Terraform tf = Terraform.in(workDir).config(Hcl.provider(host) + """
                resource "nftables_table" "t" {
                  family  = "inet"
                  name    = "sleepy"
                  flags   = ["dormant"]
                  comment = "edge firewall"
                }
                """);
        tf.init();
        tf.apply();
        assertThat(host.nft("list table inet sleepy")).contains("flags dormant").contains("comment \"edge firewall\"");
        tf.plan().assertExit(0);

        tf.config(Hcl.provider(host) + """
                resource "nftables_table" "t" {
                  family  = "inet"
                  name    = "sleepy"
                  comment = "edge firewall"
                }
                """);
        assertThat(tf.plan().assertExit(2).stdout())
                .contains("updated in-place")
                .doesNotContain("must be replaced");
        tf.apply();
        assertThat(host.nft("list table inet sleepy")).doesNotContain("dormant").contains("edge firewall");
        tf.plan().assertExit(0);

        host.nft("add table inet sleepy { flags dormant; }");
        assertThat(tf.plan().assertExit(2).stdout()).contains("\"dormant\"");
        tf.apply();
        assertThat(host.nft("list table inet sleepy")).doesNotContain("dormant");

        Terraform imported = Terraform.in(workDir.resolve("imported")).config(Hcl.provider(host) + """
                resource "nftables_table" "t" {
                  family  = "inet"
                  name    = "sleepy"
                  comment = "edge firewall"
                }
                """);
        imported.init();
        imported.run("import", "-input=false", "nftables_table.t", host.address() + "/inet/sleepy")
                .assertExit(0);
        imported.planTakingOver().assertOnlyOwnerAdoption(); // another configuration imported the table
        assertThat(imported.run("show").assertExit(0).stdout())
                .contains("comment = \"edge firewall\"")
                .contains("flags   = []");
        Files.delete(imported.dir().resolve("terraform.tfstate"));

        tf.config(Hcl.provider(host) + """
                resource "nftables_table" "t" {
                  family  = "inet"
                  name    = "sleepy"
                  comment = "web tier"
                }
                """);
        assertThat(tf.plan().assertExit(2).stdout()).contains("must be replaced");
        tf.apply();
        assertThat(host.nft("list table inet sleepy")).contains("comment \"web tier\"");
        tf.plan().assertExit(0);
        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("sleepy");
    }

    @Test
    void importOfAMissingTableFailsClearly() {
        Terraform tf = Terraform.in(workDir).config(config("missing"));
        tf.init();

        var result = tf.run("import", "-input=false", "nftables_table.t", host.address() + "/inet/missing");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("table inet missing");
        assertThat(host.nft("list tables")).doesNotContain("table inet missing");
    }

    private static String config(String table) {
        return Hcl.provider(host) + Hcl.table("t", "inet", table);
    }
}
