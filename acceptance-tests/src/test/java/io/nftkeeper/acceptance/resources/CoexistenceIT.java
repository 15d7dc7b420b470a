package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that also runs kube-proxy (nftables mode) and Docker (iptables-nft: {@code table ip nat}, {@code table ip
 * filter}) keeps their tables byte-identical, handles included, through apply, plan and destroy of a managed
 * firewall that has a nat table of its own, even one called {@code nat} (in another family).
 */
class CoexistenceIT {
    private static final List<String> FOREIGN = List.of("ip kube-proxy", "ip nat", "ip filter");

    private static final String FIREWALL = """
            resource "nftables_table" "filter" {
              family = "inet"
              name   = "firewall"
            }
            resource "nftables_set" "admins" {
              table_id = nftables_table.filter.id
              name     = "admins"
              type     = "ipv4_addr"
              flags    = ["interval"]
              elements = ["10.213.0.0/16"]
            }
            resource "nftables_chain" "input" {
              table_id = nftables_table.filter.id
              name     = "input"
              type     = "filter"
              hook     = "input"
              priority = "0"
              rule {
                expr = "ct state established,related accept"
              }
              rule {
                expr = "iifname \\"lo\\" accept"
              }
              rule {
                expr = "ip saddr @admins tcp dport 22 accept"
              }
              rule {
                expr = "tcp dport 8080 counter drop"
              }
              depends_on = [nftables_set.admins]
            }
            resource "nftables_table" "nat" {
              family = "inet"
              name   = "nat"
            }
            resource "nftables_chain" "prerouting" {
              table_id = nftables_table.nat.id
              name     = "prerouting"
              type     = "nat"
              hook     = "prerouting"
              priority = "dstnat"
              rule {
                expr = "tcp dport 2222 redirect to :22"
              }
              rule {
                expr = "ip daddr 10.213.254.99 tcp dport 80 dnat ip to 10.213.254.98:8080"
              }
            }
            resource "nftables_chain" "postrouting" {
              table_id = nftables_table.nat.id
              name     = "postrouting"
              type     = "nat"
              hook     = "postrouting"
              priority = "srcnat"
              rule {
                expr = "oifname \\"nk-uplink\\" masquerade"
              }
            }
            """;

    @TempDir
    Path workDir;

    @Test
    void kubeProxyAndDockerTablesStayByteIdenticalThroughApplyPlanAndDestroy() throws URISyntaxException {
        Path foreignTables = Path.of(
                getClass().getResource("/coexistence/foreign-tables.nft").toURI());
        try (SandboxHost host = SandboxHost.up("coexist-it")) {
            host.exec("nft", "-f", foreignTables.toString());
            Map<String, String> before = foreign(host);

            Terraform tf = Terraform.in(workDir).config(Hcl.provider(host) + FIREWALL);
            tf.init();
            tf.apply();
            assertThat(foreign(host)).as("foreign tables after apply").isEqualTo(before);
            assertThat(host.nft("list tables"))
                    .contains("table inet firewall")
                    .contains("table inet nat")
                    .contains("table ip nat");

            tf.plan().assertExit(0);
            tf.plan("-refresh=false").assertExit(0);
            assertThat(foreign(host)).as("foreign tables after plan").isEqualTo(before);

            tf.destroy();
            assertThat(foreign(host)).as("foreign tables after destroy").isEqualTo(before);
            assertThat(host.nft("list tables").strip().lines().toList())
                    .containsExactly("table ip kube-proxy", "table ip nat", "table ip filter");
        }
    }

    /**
     * Each foreign table as nft lists it with handles and without counter values: Docker's counters tick with every
     * SSH connection the test itself makes (its nat PREROUTING counts each new connection to a local address).
     */
    private static Map<String, String> foreign(SandboxHost host) {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String table : FOREIGN) {
            tables.put(table, host.exec("sh", "-c", "nft -a -s list table " + table));
        }
        return tables;
    }
}
