package io.nftkeeper.acceptance.datasources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data sources show what counters and quotas counted: named counters, named quotas and the anonymous counters
 * of rules, after real packets from this machine reached the sandbox.
 */
class DataSourceCountersIT {
    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("edit-dscount");
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void counterValuesOfNamedCountersQuotasAndRulesAreVisible() throws Exception {
        String resources = Hcl.provider(host) + Hcl.table("t", "inet", "counted") + """
                resource "nftables_counter" "pings" {
                  table_id = nftables_table.t.id
                  name     = "pings"
                }
                resource "nftables_quota" "month" {
                  table_id = nftables_table.t.id
                  name     = "month"
                  bytes    = 1000000
                  over     = true
                }
                resource "nftables_chain" "c" {
                  table_id = nftables_table.t.id
                  name     = "input"
                  type     = "filter"
                  hook     = "input"
                  priority = "0"
                  rule {
                    expr = "icmp type echo-request counter"
                  }
                  rule {
                    expr = "icmp type echo-request counter name \\"${nftables_counter.pings.name}\\""
                  }
                  rule {
                    expr = "icmp type echo-request quota name \\"${nftables_quota.month.name}\\""
                  }
                }
                """;
        Terraform tf = Terraform.in(workDir).config(resources);
        tf.init();
        tf.apply();
        host.ping(4);

        tf.config(resources + """
                data "nftables_table" "counted" {
                  family     = "inet"
                  name       = "counted"
                  depends_on = [nftables_chain.c]
                }
                data "nftables_ruleset" "all" {
                  family     = "inet"
                  depends_on = [nftables_chain.c]
                }
                output "table" {
                  value = data.nftables_table.counted
                }
                output "ruleset" {
                  value = data.nftables_ruleset.all
                }
                """);
        tf.apply();
        JsonNode outputs = new ObjectMapper()
                .readTree(tf.run("output", "-json").assertExit(0).stdout());
        String handle = host.exec("nft", "-a", "list", "chain", "inet", "counted", "input")
                .lines()
                .filter(l -> l.contains("icmp type echo-request counter packets"))
                .map(l -> l.replaceAll(".*# handle ", ""))
                .findFirst()
                .orElseThrow();

        for (JsonNode table : List.of(outputs.at("/table/value"), outputs.at("/ruleset/value/tables/0"))) {
            JsonNode rule = table.at("/rule_counters/0");
            assertThat(rule.path("chain").asText()).isEqualTo("input");
            assertThat(rule.path("rule").asText()).isEqualTo("icmp type echo-request counter");
            assertThat(rule.path("handle").asText()).isEqualTo(handle);
            assertThat(rule.path("packets").asLong()).isEqualTo(4);
            assertThat(rule.path("bytes").asLong()).isEqualTo(4 * 84);
            assertThat(table.path("rule_counters")).hasSize(1);
            assertThat(table.at("/counter_values/pings/packets").asLong()).isEqualTo(4);
            assertThat(table.at("/quota_values/month/used").asLong()).isEqualTo(4 * 84);
            assertThat(table.at("/quota_values/month/bytes").asLong()).isEqualTo(1000000);
            assertThat(table.at("/quota_values/month/over").asBoolean()).isTrue();
        }

        tf.config(resources);
        tf.destroy();
    }
}
