package io.nftkeeper.acceptance.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two drift jobs of docs/guides/drift.md on one real Terraform configuration: {@code terraform plan
 * -refresh-only -detailed-exitcode} sees what Terraform's resources describe (a table deleted by hand), and
 * {@code nftkeeper drift --state} fed with {@code terraform show -json} sees that and everything inside the managed
 * tables (a chain added by hand). The configuration holds a number attribute (a quota's bytes): Terraform 1.11 took
 * any number a provider sent as integer msgpack for a change in a refresh-only plan (hashicorp/terraform#36403).
 */
class TerraformDriftIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    @Test
    void refreshOnlyPlanSeesADeletedTableAndTheDriftJobAlsoSeesAnAddedChain() throws Exception {
        try (SandboxHost host =
                SandboxHost.up("tfdrift" + ProcessHandle.current().pid())) {
            Terraform tf = Terraform.in(workDir.resolve("tf"))
                    .config(Hcl.provider(host)
                            + Hcl.table("web", "inet", "tfweb") + Hcl.table("other", "inet", "tfother") + """
                    resource "nftables_quota" "budget" {
                      table_id = nftables_table.web.id
                      name     = "budget"
                      bytes    = 524288000
                    }
                    """);
            tf.init();
            tf.apply();
            try {
                tf.plan("-refresh-only").assertExit(0);
                assertThat(driftJob(tf, host).path("exit_code").asInt()).isZero();

                host.nft("add chain inet tfweb extra");
                host.nft("delete table inet tfother");

                Terraform.Result plan = tf.plan("-refresh-only").assertExit(2);
                assertThat(plan.stdout()).contains("nftables_table.other").contains("deleted");
                JsonNode report = driftJob(tf, host);
                assertThat(report.path("exit_code").asInt()).isEqualTo(2);
                JsonNode tables = report.path("hosts").get(0).path("tables");
                assertThat(tables).hasSize(2);
                JsonNode other = tables.get(0);
                assertThat(other.path("name").asText()).isEqualTo("tfother");
                assertThat(other.path("status").asText()).isEqualTo("missing");
                JsonNode web = tables.get(1);
                assertThat(web.path("status").asText()).isEqualTo("drifted");
                assertThat(web.path("changes").get(0).path("object").asText()).isEqualTo("chain inet tfweb extra");
            } finally {
                tf.destroy();
            }
        }
    }

    /** {@code terraform show -json} into {@code nftkeeper drift --state}, credentials from flags. */
    private JsonNode driftJob(Terraform tf, SandboxHost host) throws Exception {
        Path state = workDir.resolve("show.json");
        Files.writeString(state, tf.run("show", "-json").assertExit(0).stdout());
        CliRun run = CliRun.inProcess(List.of(
                "drift",
                "--state",
                state.toString(),
                "--private-key-file",
                host.privateKeyPath().toString(),
                "--host-key",
                host.hostKey(),
                "--format",
                "json"));
        assertThat(run.exitCode()).as(run.toString()).isIn(0, 2);
        return JSON.readTree(run.stdout());
    }
}
