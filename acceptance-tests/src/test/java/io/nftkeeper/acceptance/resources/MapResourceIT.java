package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.acceptance.sandbox.BystanderHost;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** nftables_map end to end: real terraform, the built provider, a real sshd and kernel nftables in a netns. */
class MapResourceIT {

    @RegisterExtension
    static final BystanderHost SANDBOX = new BystanderHost("map-it");

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void useHost() {
        host = SANDBOX.host();
    }

    @Test
    void aVerdictMapIsAppliedChangedInPlaceReplacedImportedAndHandEditsShowInThePlan() {
        // "10.1.2.3/8" lists as 10.0.0.0/8: the host's spelling is not a change
        Map<String, String> entries = new TreeMap<>(Map.of("10.1.2.3/8", "accept", "192.168.1.7", "drop"));
        Terraform tf = Terraform.in(workDir.resolve("main")).config(verdictMap(entries, "interval"));
        tf.init();
        tf.apply();

        assertThat(entriesOnHost()).containsExactlyInAnyOrder("10.0.0.0/8 : accept", "192.168.1.7 : drop");
        tf.plan().assertExit(0);
        tf.plan("-refresh=false").assertExit(0);

        // a new value for a kept key: delete + add of that entry in one batch, in place
        entries.put("192.168.1.7", "jump audit");
        entries.put("172.16.0.0/12", "drop");
        tf.config(verdictMap(entries, "interval"));
        var update = tf.plan().assertExit(2);
        assertThat(update.stdout())
                .contains("nftables_map.m will be updated in-place")
                .doesNotContain("must be replaced");
        tf.apply();
        assertThat(entriesOnHost())
                .containsExactlyInAnyOrder("10.0.0.0/8 : accept", "172.16.0.0/12 : drop", "192.168.1.7 : jump audit");
        tf.plan().assertExit(0);
        tf.plan("-refresh=false").assertExit(0);

        // someone changes a value on the host: the plan shows exactly that entry, apply restores it
        host.nft("delete element inet maplife verdicts { 172.16.0.0/12 }");
        host.nft("add element inet maplife verdicts { 172.16.0.0/12 : accept }");
        var drift = tf.plan().assertExit(2);
        assertThat(drift.stdout())
                .contains("\"172.16.0.0/12\"")
                .contains("update in-place")
                .doesNotContain("192.168.1.7")
                .doesNotContain("must be replaced");
        tf.apply();
        assertThat(entriesOnHost()).contains("172.16.0.0/12 : drop").hasSize(3);
        tf.plan().assertExit(0);

        // flags cannot change in place
        tf.config(verdictMap(entries, "interval\", \"timeout"));
        assertThat(tf.plan().assertExit(2).stdout()).contains("must be replaced");
        tf.apply();
        assertThat(host.exec("nft", "-s", "list", "map", "inet", "maplife", "verdicts"))
                .contains("flags interval,timeout");
        assertThat(entriesOnHost()).hasSize(3);
        tf.plan().assertExit(0);

        Terraform fresh = Terraform.in(workDir.resolve("imported"))
                .config(verdictMap(
                        new TreeMap<>(
                                Map.of("10.0.0.0/8", "accept", "172.16.0.0/12", "drop", "192.168.1.7", "jump audit")),
                        "interval\", \"timeout"));
        fresh.init();
        fresh.run("import", "-input=false", "nftables_table.t", host.address() + "/inet/maplife")
                .assertExit(0);
        fresh.run("import", "-input=false", "nftables_chain.audit", host.address() + "/inet/maplife/audit")
                .assertExit(0);
        fresh.run("import", "-input=false", "nftables_map.m", host.address() + "/inet/maplife/verdicts")
                .assertExit(0);
        assertThat(SetElementsIT.stateOf(fresh, "nftables_map.m"))
                .contains("\"jump audit\"")
                .contains("\"10.0.0.0/8 : accept\"");
        fresh.planTakingOver().assertOnlyOwnerAdoption(); // another configuration imported the table

        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("maplife");
    }

    /**
     * Packets, not listings: a connection from this machine's namespace to the firewall sandbox's port 8022 (where
     * nothing listens) reaches the sshd of a second namespace behind it, only through the DNAT maps.
     */
    @Test
    void dnatMapsForwardARealTcpConnectionToAnotherNamespace() throws IOException {
        SandboxHost backend = SandboxHost.upBehind("map-it-be", host);
        try {
            host.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
            // replies go back through the firewall, which undoes the DNAT
            backend.exec("ip", "route", "add", "default", "via", backend.hostAddress());
            String target = backend.address() + " . 22";
            Terraform tf = Terraform.in(workDir)
                    .config(Hcl.provider(host)
                            + Hcl.table("t", "ip", "natlab")
                            + """
                    resource "nftables_map" "ports" {
                      table_id   = nftables_table.t.id
                      name       = "ports"
                      type       = "inet_service"
                      value_type = "ipv4_addr . inet_service"
                      elements   = { "8022" = "%s" }
                    }
                    resource "nftables_map" "pairs" {
                      table_id   = nftables_table.t.id
                      name       = "pairs"
                      type       = "ipv4_addr . inet_service"
                      value_type = "ipv4_addr . inet_service"
                      elements   = { "%s . 8023" = "%s" }
                    }
                    """.formatted(target, host.address(), target));
            tf.init();
            tf.apply();
            assertThatThrownBy(() -> banner(8022)).isInstanceOf(IOException.class); // no rule uses the maps yet

            tf.config(Hcl.provider(host) + Hcl.table("t", "ip", "natlab") + tfText(tf) + """
                    resource "nftables_chain" "prerouting" {
                      table_id = nftables_table.t.id
                      name     = "prerouting"
                      type     = "nat"
                      hook     = "prerouting"
                      priority = "dstnat"
                      rule {
                        expr = "dnat to tcp dport map @${nftables_map.ports.name}"
                      }
                      rule {
                        expr = "dnat to ip daddr . tcp dport map @${nftables_map.pairs.name}"
                      }
                    }
                    """);
            tf.apply();
            tf.plan().assertExit(0);

            assertThat(banner(8022)).startsWith("SSH-2.0-");
            assertThat(banner(8023)).startsWith("SSH-2.0-");
            assertThatThrownBy(() -> banner(8024)).isInstanceOf(IOException.class); // in neither map

            tf.destroy();
            assertThat(host.nft("list tables")).doesNotContain("natlab");
            assertThatThrownBy(() -> banner(8022)).isInstanceOf(IOException.class);
        } finally {
            backend.close();
        }
    }

    /** The maps of the first apply, read back from main.tf without its provider and table blocks. */
    private static String tfText(Terraform tf) throws IOException {
        String all = Files.readString(tf.dir().resolve("main.tf"));
        return all.substring(all.indexOf("resource \"nftables_map\""));
    }

    /** The first line the server at the firewall sandbox's {@code port} sends, e.g. an SSH banner. */
    private static String banner(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host.address(), port), 3000);
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString().strip();
        }
    }

    /** The entries of the map as the host lists them (stateless). */
    private static List<String> entriesOnHost() {
        String listing = host.exec("nft", "-s", "list", "map", "inet", "maplife", "verdicts");
        int start = listing.indexOf("elements = {");
        if (start < 0) {
            return List.of();
        }
        String list = listing.substring(start + "elements = {".length(), listing.indexOf('}', start));
        return Arrays.stream(list.split(","))
                .map(e -> e.strip().replaceAll("\\s+", " "))
                .filter(e -> !e.isEmpty())
                .toList();
    }

    private static String verdictMap(Map<String, String> entries, String flags) {
        String elements = entries.entrySet().stream()
                .map(e -> "    \"" + e.getKey() + "\" = \"" + e.getValue() + "\"")
                .collect(Collectors.joining("\n"));
        return Hcl.provider(host) + Hcl.table("t", "inet", "maplife") + """
                resource "nftables_chain" "audit" {
                  table_id = nftables_table.t.id
                  name     = "audit"
                }
                resource "nftables_map" "m" {
                  table_id   = nftables_table.t.id
                  name       = "verdicts"
                  type       = "ipv4_addr"
                  value_type = "verdict"
                  flags      = ["%s"]
                  elements = {
                %s
                  }
                  depends_on = [nftables_chain.audit]
                }
                """.formatted(flags, elements);
    }
}
