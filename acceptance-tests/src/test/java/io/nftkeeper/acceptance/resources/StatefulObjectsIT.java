package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.acceptance.sandbox.BystanderHost;
import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * nftables_counter, nftables_quota and nftables_limit end to end: real terraform, the built provider, a real sshd and
 * kernel nftables in a netns, with a chain whose rules use them by name and pings that make them count and drop.
 */
class StatefulObjectsIT {
    private static final Pattern PACKETS = Pattern.compile("packets (\\d+) bytes (\\d+)");
    private static final Pattern USED = Pattern.compile("used (\\d+) bytes");
    private static final Pattern RECEIVED = Pattern.compile("(\\d+) received");
    private static final long MIB = 1024 * 1024;

    @RegisterExtension
    static final BystanderHost SANDBOX = new BystanderHost("h2-objects");

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void useHost() {
        host = SANDBOX.host();
    }

    @Test
    void objectsAreCreatedUsedByRulesCountingWithoutDriftAndRemovedCleanly() {
        Terraform tf = Terraform.in(workDir.resolve("main"))
                .config(config("icmp", pingLimit("icmp", "ping", "10/second"), 500 * MIB));
        tf.init();
        tf.apply();

        String listed = host.exec("nft", "-s", "list", "table", "inet", "objects");
        assertThat(listed)
                .contains(
                        "counter hits {",
                        "quota cap {\n\t\t500 mbytes\n",
                        "limit ping {\n\t\trate 10/second\n",
                        "limit bulk {\n\t\trate over 1 mbytes/second burst 10 kbytes\n",
                        "counter name \"hits\" quota name \"cap\"",
                        "limit name \"ping\" accept");
        tf.plan().assertExit(0);
        tf.plan("-refresh=false").assertExit(0);

        // five pings well within the limit: all answered, all counted
        assertThat(ping(5, "0.2")).isEqualTo(5);
        long counted = counterPackets();
        long used = quotaUsed();
        assertThat(counted).isGreaterThanOrEqualTo(5);
        assertThat(used).isGreaterThanOrEqualTo(5 * 84);

        // live values changed: not drift, and reading them reset nothing
        tf.plan().assertExit(0);
        assertThat(counterPackets()).isGreaterThanOrEqualTo(counted);
        assertThat(quotaUsed()).isGreaterThanOrEqualTo(used);
        // a refresh-only plan reports every attribute that changed since the last apply, live values included:
        // it is not a drift check for counters and quotas (plan, or nftkeeper drift, is)
        var refreshOnly = tf.plan("-refresh-only").assertExit(2);
        assertThat(refreshOnly.stdout())
                .contains("Objects have changed outside of Terraform")
                .containsPattern("packets += 0 -> [1-9]");
        tf.run("apply", "-refresh-only", "-input=false", "-auto-approve").assertExit(0);
        assertThat(stateValue(tf, "nftables_counter.hits", "packets")).isGreaterThanOrEqualTo(counted);
        assertThat(stateValue(tf, "nftables_quota.cap", "used")).isGreaterThanOrEqualTo(used);
        tf.plan().assertExit(0);

        // a flood: 10/second with the default burst of 5 answers about 5 + 10 * 0.6 s of 60 pings sent in 0.6 s
        int answered = ping(60, "0.01");
        assertThat(answered).isBetween(5, 20);
        assertThat(counterPackets()).isGreaterThanOrEqualTo(counted + 60);

        // the quota changes in place and keeps what was used
        long usedBefore = quotaUsed();
        tf.config(config("icmp", pingLimit("icmp", "ping", "10/second"), 1024 * MIB));
        var update = tf.plan().assertExit(2);
        assertThat(update.stdout())
                .contains("nftables_quota.cap will be updated in-place")
                .doesNotContain("must be replaced");
        tf.apply();
        assertThat(host.nft("list quota inet objects cap")).contains("1024 mbytes used");
        assertThat(quotaUsed()).isGreaterThanOrEqualTo(usedBefore);
        tf.plan().assertExit(0);

        // hand edits show as exactly that change and apply restores them
        host.nft("add quota inet objects cap { over 100 mbytes; }");
        var quotaDrift = tf.plan().assertExit(2);
        assertThat(quotaDrift.stdout())
                .contains("nftables_quota.cap will be updated in-place")
                .containsPattern("bytes += 104857600 -> 1073741824")
                .containsPattern("over += true -> false");
        tf.apply();
        assertThat(host.nft("list quota inet objects cap"))
                .contains("1024 mbytes used")
                .doesNotContain("over");
        host.nft("delete limit inet objects bulk");
        host.nft("add limit inet objects bulk { rate over 2 mbytes/second burst 10 kbytes; }");
        var limitDrift = tf.plan().assertExit(2);
        assertThat(limitDrift.stdout())
                .contains("nftables_limit.bulk must be replaced")
                .contains("\"2 mbytes/second\" -> \"1024 kbytes/second\"")
                .doesNotContain("\"10 kbytes\"");
        tf.apply();
        assertThat(host.nft("list limit inet objects bulk")).contains("rate over 1 mbytes/second burst 10 kbytes");
        tf.plan().assertExit(0);

        // a limit that rules use cannot be replaced in place: the error says how, and nothing changed
        String before = host.nft("list table inet objects");
        tf.config(config("icmp", pingLimit("icmp", "ping", "20/second"), 1024 * MIB));
        assertThat(tf.plan().assertExit(2).stdout()).contains("nftables_limit.icmp must be replaced");
        var refused = tf.run("apply", "-input=false", "-auto-approve").assertExit(1);
        // terraform wraps diagnostics at word boundaries: compare the words
        assertThat(refused.stderr().replaceAll("\\s+", " "))
                .contains("Cannot delete limit inet objects ping")
                .contains("Rules still use it: chain input")
                .contains("another name than \"ping\"");
        assertThat(host.nft("list table inet objects").replaceAll(PACKETS.pattern() + "|" + USED.pattern(), ""))
                .isEqualTo(before.replaceAll(PACKETS.pattern() + "|" + USED.pattern(), ""));
        // ... as it advises: a new limit under another name, then the rules move to it, then the old one goes
        String ping20 = pingLimit("icmp20", "ping20", "20/second");
        tf.config(config("icmp", pingLimit("icmp", "ping", "10/second") + ping20, 1024 * MIB));
        tf.apply();
        tf.config(config("icmp20", pingLimit("icmp", "ping", "10/second") + ping20, 1024 * MIB));
        tf.apply();
        tf.config(config("icmp20", ping20, 1024 * MIB));
        tf.apply();
        assertThat(host.nft("list table inet objects"))
                .contains("limit ping20 {", "limit name \"ping20\" accept")
                .doesNotContain("limit ping {");
        tf.plan().assertExit(0);

        // another configuration takes the objects over by import, with their counts: only the owner changes
        String table = host.address() + "/inet/objects";
        Terraform fresh = Terraform.in(workDir.resolve("imported"))
                .config(Hcl.takingOver(config("icmp20", ping20, 1024 * MIB))
                        + Hcl.imports(Map.of(
                                "nftables_table.t", table,
                                "nftables_chain.input", table + "/input",
                                "nftables_counter.hits", table + "/hits",
                                "nftables_quota.cap", table + "/cap",
                                "nftables_limit.icmp20", table + "/ping20",
                                "nftables_limit.bulk", table + "/bulk")));
        fresh.init();
        assertThat(fresh.apply().stdout()).contains("6 imported, 0 added, 1 changed, 0 destroyed");
        assertThat(stateValue(fresh, "nftables_counter.hits", "packets")).isGreaterThanOrEqualTo(counted + 60);
        fresh.plan().assertExit(0);

        fresh.destroy();
        assertThat(host.nft("list tables")).doesNotContain("objects");
    }

    /** Pings the sandbox from this machine; how many were answered. */
    private static int ping(int count, String interval) {
        CommandRun run = CommandRun.of(
                Duration.ofSeconds(30),
                List.of("ping", "-n", "-q", "-c", String.valueOf(count), "-i", interval, "-W", "1", host.address()));
        Matcher m = RECEIVED.matcher(run.stdout());
        assertThat(m.find())
                .as("ping output: %s %s", run.stdout(), run.stderr())
                .isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static long counterPackets() {
        Matcher m = PACKETS.matcher(host.nft("list counter inet objects hits"));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static long quotaUsed() {
        Matcher m = USED.matcher(host.nft("list quota inet objects cap"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** An attribute of a resource in the state of {@code tf}, via {@code terraform show -json}. */
    private static long stateValue(Terraform tf, String address, String attribute) {
        try {
            JsonNode state = new ObjectMapper()
                    .readTree(tf.run("show", "-json").assertExit(0).stdout());
            for (JsonNode resource : state.path("values").path("root_module").path("resources")) {
                if (resource.path("address").asText().equals(address)) {
                    return resource.path("values").path(attribute).asLong();
                }
            }
            throw new AssertionError(address + " is not in the state: " + state);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** A packet limit for the chain's ping rule. */
    private static String pingLimit(String label, String name, String rate) {
        return """
                resource "nftables_limit" "%s" {
                  table_id = nftables_table.t.id
                  name     = "%s"
                  rate     = "%s"
                }
                """.formatted(label, name, rate);
    }

    /** The table, a counter, a quota, {@code limits} and a byte limit nothing uses. */
    private static String objects(String limits, long quotaBytes) {
        return Hcl.provider(host) + Hcl.table("t", "inet", "objects") + """
                resource "nftables_counter" "hits" {
                  table_id = nftables_table.t.id
                  name     = "hits"
                }
                resource "nftables_quota" "cap" {
                  table_id = nftables_table.t.id
                  name     = "cap"
                  bytes    = %d
                }
                resource "nftables_limit" "bulk" {
                  table_id = nftables_table.t.id
                  name     = "bulk"
                  rate     = "1024 kbytes/second"
                  burst    = "10240 bytes"
                  over     = true
                }
                """.formatted(quotaBytes) + limits;
    }

    /** {@link #objects} and a chain whose rules use the counter, the quota and the limit labelled {@code limit}. */
    private static String config(String limit, String limits, long quotaBytes) {
        return objects(limits, quotaBytes) + """
                resource "nftables_chain" "input" {
                  table_id = nftables_table.t.id
                  name     = "input"
                  type     = "filter"
                  hook     = "input"
                  priority = "0"
                  rule {
                    expr = "icmp type echo-request counter name \\"${nftables_counter.hits.name}\\" quota name \\"${nftables_quota.cap.name}\\""
                  }
                  rule {
                    expr = "icmp type echo-request limit name \\"${nftables_limit.%s.name}\\" accept"
                  }
                  rule {
                    expr = "icmp type echo-request drop"
                  }
                }
                """.formatted(limit);
    }
}
