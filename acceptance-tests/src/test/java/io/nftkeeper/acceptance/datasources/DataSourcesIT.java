package io.nftkeeper.acceptance.datasources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.acceptance.sandbox.BystanderHost;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * nftables_ruleset and nftables_table (data sources) on a host that also runs kube-proxy's tables, which nobody
 * manages: they list them as unmanaged, with their objects and text, and never change them.
 */
class DataSourcesIT {
    @RegisterExtension
    static final BystanderHost SANDBOX = new BystanderHost("dsrc-it");

    private static SandboxHost host;

    @TempDir
    java.nio.file.Path workDir;

    @BeforeAll
    static void useHost() {
        host = SANDBOX.host();
    }

    @Test
    void theRulesetListsEveryTableWithItsOwnershipAndTheTableDataSourceItsObjects() throws Exception {
        Terraform tf = Terraform.in(workDir).config(Hcl.provider(host) + """
                resource "nftables_table" "web" {
                  family  = "inet"
                  name    = "dsweb"
                  comment = "web tier"
                }

                data "nftables_ruleset" "all" {
                  depends_on = [nftables_table.web]
                }

                data "nftables_ruleset" "ip" {
                  family = "ip"
                }

                data "nftables_table" "kube" {
                  family = "ip"
                  name   = "kube-proxy"
                }

                data "nftables_table" "web" {
                  family = nftables_table.web.family
                  name   = nftables_table.web.name
                }

                output "all" {
                  value = [for t in data.nftables_ruleset.all.tables : "${t.family}/${t.name} managed=${t.managed}"]
                }
                output "ip" {
                  value = [for t in data.nftables_ruleset.ip.tables : t.name]
                }
                output "ip_id" {
                  value = data.nftables_ruleset.ip.id
                }
                output "kube" {
                  value = data.nftables_table.kube
                }
                output "web" {
                  value = data.nftables_table.web
                }
                """);
        tf.init();
        tf.apply();

        JsonNode outputs = new ObjectMapper()
                .readTree(tf.run("output", "-json").assertExit(0).stdout());
        assertThat(values(outputs.at("/all/value")))
                .containsExactly(
                        "ip/kube-proxy managed=false", "ip6/kube-proxy managed=false", "inet/dsweb managed=true");
        assertThat(values(outputs.at("/ip/value"))).containsExactly("kube-proxy");
        assertThat(outputs.at("/ip_id/value").asText()).isEqualTo(host.address() + "/ip");

        JsonNode kube = outputs.at("/kube/value");
        assertThat(kube.path("managed").asBoolean()).isFalse();
        assertThat(kube.path("id").asText()).isEqualTo(host.address() + "/ip/kube-proxy");
        assertThat(kube.path("comment").asText()).isEqualTo("rules for kube-proxy");
        assertThat(values(kube.path("chains")))
                .hasSize(10)
                .contains(
                        "filter-input", "nat-prerouting", "services", "service-2QRHZV4L-default/kubernetes/tcp/https");
        assertThat(values(kube.path("sets"))).containsExactlyInAnyOrder("cluster-ips", "nodeport-ips");
        assertThat(values(kube.path("maps"))).containsExactlyInAnyOrder("service-ips", "service-nodeports");
        assertThat(values(kube.path("counters"))).containsExactly("dropped-probes");
        assertThat(kube.path("text").asText()).isEqualTo(host.exec("nft", "-s", "list", "table", "ip", "kube-proxy"));

        JsonNode web = outputs.at("/web/value");
        assertThat(web.path("managed").asBoolean()).isTrue();
        assertThat(web.path("comment").asText()).isEqualTo("web tier");
        assertThat(values(web.path("flags"))).isEmpty();

        tf.plan().assertExit(0);
        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("dsweb");
    }

    @Test
    void aTableThatDoesNotExistIsAnErrorNamingIt() {
        Terraform tf = Terraform.in(workDir).config(Hcl.provider(host) + """
                data "nftables_table" "nope" {
                  family = "inet"
                  name   = "nope"
                }
                """);
        tf.init();

        Terraform.Result plan = tf.plan().assertExit(1);

        assertThat(plan.stderr()).contains("No table inet nope on " + host.address());
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
