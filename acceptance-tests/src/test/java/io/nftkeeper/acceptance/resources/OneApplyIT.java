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
 * A terraform run behaves like one {@code nft -f}: sets, maps, named objects and chains planned in the same run as the
 * rules that use them (by reference) plan and apply in one {@code terraform apply}, in a table that already exists
 * and in a new one; a rule naming an object that nothing creates fails at plan, naming it.
 */
class OneApplyIT {

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("sem-oneapply");
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aDnatMapItsEndpointChainsAndTheNatChainThatUsesItAreOneApplyInAnExistingTable() {
        Terraform tf = Terraform.in(workDir.resolve("existing"))
                .config(Hcl.provider(host) + Hcl.table("t", "ip", "sem_existing"));
        tf.init();
        tf.apply();

        tf.config(Hcl.provider(host) + Hcl.table("t", "ip", "sem_existing") + dnatAndFilter());
        tf.apply();
        tf.plan().assertExit(0);

        String listed = host.exec("nft", "-s", "list", "table", "ip", "sem_existing");
        assertThat(listed)
                .contains("10.213.77.1 . 80 : goto ep1", "10.213.77.2 . 80 : goto ep2")
                .contains("ip daddr . tcp dport vmap @services")
                .contains("numgen random mod 2 vmap { 0 : goto ep1, 1 : goto ep2 }")
                .contains("meta l4proto tcp dnat to 10.213.77.11:8080", "meta l4proto tcp dnat to 10.213.77.12:8080")
                .contains("ip saddr @allowed counter name \"hits\" limit name \"slow\" quota name \"cap\" accept");
    }

    @Test
    void theSameObjectsAreOneApplyInANewTable() {
        Terraform tf = Terraform.in(workDir.resolve("new"))
                .config(Hcl.provider(host) + Hcl.table("t", "ip", "sem_new") + dnatAndFilter());
        tf.init();
        tf.apply();
        tf.plan().assertExit(0);
        assertThat(host.exec("nft", "-s", "list", "table", "ip", "sem_new"))
                .contains("ip daddr . tcp dport vmap @services");
    }

    @Test
    void aRuleNamingAnObjectThatNothingCreatesFailsAtPlanNamingIt() {
        Terraform tf = Terraform.in(workDir.resolve("missing"))
                .config(Hcl.provider(host) + Hcl.table("t", "ip", "sem_missing"));
        tf.init();
        tf.apply();
        String before = host.exec("nft", "-s", "list", "ruleset");

        tf.config(Hcl.provider(host) + Hcl.table("t", "ip", "sem_missing") + """
                resource "nftables_set" "known" {
                  table_id = nftables_table.t.id
                  name     = "known"
                  type     = "ipv4_addr"
                }
                resource "nftables_chain" "c" {
                  table_id = nftables_table.t.id
                  name     = "c"
                  rule { expr = "ip saddr @${nftables_set.known.name} accept" }
                  rule { expr = "ip saddr @nowhere drop" }
                }
                """);
        Terraform.Result plan = tf.plan().assertExit(1);
        assertThat(plan.stderr().replaceAll("\\s+", " "))
                .contains("rule[1].expr")
                .contains("@nowhere")
                .contains("No such file or directory")
                .contains("by reference");
        assertThat(host.exec("nft", "-s", "list", "ruleset")).isEqualTo(before);
    }

    /**
     * A set used by its literal name (no dependency for Terraform): either the plan refuses it saying to use a
     * reference, or plan and apply both work; never a plan that passes and an apply that fails.
     */
    @Test
    void aLiteralNameOfAnObjectOfTheSameConfigurationWorksOrFailsAtPlanAskingForAReference() {
        Terraform tf = Terraform.in(workDir.resolve("literal"))
                .config(Hcl.provider(host) + Hcl.table("t", "ip", "sem_literal"));
        tf.init();
        tf.apply();
        tf.config(Hcl.provider(host) + Hcl.table("t", "ip", "sem_literal") + """
                resource "nftables_set" "allowed" {
                  table_id = nftables_table.t.id
                  name     = "allowed"
                  type     = "ipv4_addr"
                  elements = ["10.213.77.5"]
                }
                resource "nftables_chain" "c" {
                  table_id = nftables_table.t.id
                  name     = "c"
                  rule { expr = "ip saddr @allowed accept" }
                }
                """);
        Terraform.Result plan = tf.plan();
        if (plan.exitCode() == 1) {
            assertThat(plan.stderr().replaceAll("\\s+", " "))
                    .contains("@allowed")
                    .contains("by reference");
            return;
        }
        plan.assertExit(2);
        tf.apply();
        tf.plan().assertExit(0);
        assertThat(host.exec("nft", "-s", "list", "chain", "ip", "sem_literal", "c"))
                .contains("ip saddr @allowed accept");
    }

    /** kube-proxy's shape: a verdict map to endpoint chains, a service chain, and objects a filter chain uses. */
    private static String dnatAndFilter() {
        return """
                resource "nftables_chain" "ep1" {
                  table_id = nftables_table.t.id
                  name     = "ep1"
                  rule { expr = "meta l4proto tcp dnat to 10.213.77.11:8080" }
                }
                resource "nftables_chain" "ep2" {
                  table_id = nftables_table.t.id
                  name     = "ep2"
                  rule { expr = "meta l4proto tcp dnat to 10.213.77.12:8080" }
                }
                resource "nftables_map" "services" {
                  table_id   = nftables_table.t.id
                  name       = "services"
                  type       = "ipv4_addr . inet_service"
                  value_type = "verdict"
                  elements = {
                    "10.213.77.1 . 80" = "goto ${nftables_chain.ep1.name}"
                    "10.213.77.2 . 80" = "goto ${nftables_chain.ep2.name}"
                  }
                }
                resource "nftables_chain" "prerouting" {
                  table_id = nftables_table.t.id
                  name     = "prerouting"
                  type     = "nat"
                  hook     = "prerouting"
                  priority = "dstnat"
                  rule { expr = "ip daddr . tcp dport vmap @${nftables_map.services.name}" }
                  rule {
                    expr = "tcp dport 8081 numgen random mod 2 vmap { 0 : goto ${nftables_chain.ep1.name}, 1 : goto ${nftables_chain.ep2.name} }"
                  }
                }
                resource "nftables_set" "allowed" {
                  table_id = nftables_table.t.id
                  name     = "allowed"
                  type     = "ipv4_addr"
                  flags    = ["interval"]
                  elements = ["10.213.77.0/24"]
                }
                resource "nftables_counter" "hits" {
                  table_id = nftables_table.t.id
                  name     = "hits"
                }
                resource "nftables_limit" "slow" {
                  table_id = nftables_table.t.id
                  name     = "slow"
                  rate     = "10/second"
                }
                resource "nftables_quota" "cap" {
                  table_id = nftables_table.t.id
                  name     = "cap"
                  bytes    = 1000000
                }
                resource "nftables_chain" "input" {
                  table_id = nftables_table.t.id
                  name     = "input"
                  type     = "filter"
                  hook     = "input"
                  priority = "filter"
                  rule {
                    expr = "ip saddr @${nftables_set.allowed.name} counter name \\"${nftables_counter.hits.name}\\" limit name \\"${nftables_limit.slow.name}\\" quota name \\"${nftables_quota.cap.name}\\" accept"
                  }
                }
                """;
    }
}
