package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.BystanderHost;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** nftables_set end to end: real terraform, the built provider, a real sshd and kernel nftables in a netns. */
class SetResourceIT {
    private static final Pattern ELEMENTS = Pattern.compile("elements = \\{([^}]*)}");
    private static final Pattern EXPIRES = Pattern.compile("10\\.1\\.1\\.1 timeout 1h expires (\\S+)");
    private static final Pattern STATE_ELEMENTS = Pattern.compile("\"elements\": \\[[^\\]]*]");

    @RegisterExtension
    static final BystanderHost SANDBOX = new BystanderHost("set-it");

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void useHost() {
        host = SANDBOX.host();
    }

    @Test
    void elementsAreAppliedChangedInPlaceAndHandEditsShowInThePlan() {
        // "10.1.2.3/8" lists as 10.0.0.0/8: the host's spelling is not a change
        Terraform tf = Terraform.in(workDir.resolve("main"))
                .config(config(List.of("10.1.2.3/8", "192.168.1.0/24", "172.16.0.1")));
        tf.init();
        tf.apply();

        assertThat(elementsOnHost()).containsExactlyInAnyOrder("10.0.0.0/8", "192.168.1.0/24", "172.16.0.1");
        tf.plan().assertExit(0);
        tf.plan("-refresh=false").assertExit(0);

        // elements are a list that means a set: another order is no change
        tf.config(config(List.of("172.16.0.1", "10.1.2.3/8", "192.168.1.0/24")));
        tf.plan().assertExit(0);

        tf.config(config(List.of("10.1.2.3/8", "192.168.1.0/24", "172.16.0.0/12")));
        var update = tf.plan().assertExit(2);
        assertThat(update.stdout())
                .contains("nftables_set.s will be updated in-place")
                .doesNotContain("must be replaced");
        tf.apply();
        assertThat(elementsOnHost()).containsExactlyInAnyOrder("10.0.0.0/8", "192.168.1.0/24", "172.16.0.0/12");
        tf.plan().assertExit(0);

        host.nft("add element inet lifecycle allowed { 203.0.113.7 }");
        var drift = tf.plan().assertExit(2);
        assertThat(drift.stdout())
                .contains("203.0.113.7")
                .contains("update in-place")
                .doesNotContain("must be replaced");
        tf.apply();
        assertThat(elementsOnHost()).containsExactlyInAnyOrder("10.0.0.0/8", "192.168.1.0/24", "172.16.0.0/12");
        tf.plan().assertExit(0);

        Terraform fresh = Terraform.in(workDir.resolve("imported"))
                .config(config(List.of("10.0.0.0/8", "192.168.1.0/24", "172.16.0.0/12")));
        fresh.init();
        fresh.run("import", "-input=false", "nftables_table.t", host.address() + "/inet/lifecycle")
                .assertExit(0);
        fresh.run("import", "-input=false", "nftables_set.s", host.address() + "/inet/lifecycle/allowed")
                .assertExit(0);
        fresh.planTakingOver().assertOnlyOwnerAdoption(); // another configuration imported the table

        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("lifecycle");
    }

    @Test
    void aRepeatedElementIsAValidationErrorNamingIt() {
        Terraform tf = Terraform.in(workDir).config(config(List.of("10.0.0.1", "192.168.1.0/24", "10.0.0.1")));
        tf.init();

        var invalid = tf.run("validate").assertExit(1);

        assertThat(invalid.output())
                .contains("Duplicate elements")
                .contains("\"10.0.0.1\" is listed more than once")
                .doesNotContain("192.168.1.0/24\" is");
    }

    @Test
    void aStateWrittenWhileElementsWereASetPlansWithoutChanges() throws IOException {
        Terraform tf = Terraform.in(workDir).config(config(List.of("192.168.1.0/24", "10.1.2.3/8", "172.16.0.1")));
        tf.init();
        tf.apply();

        // the provider stored elements as set(string) before they became a list: a set is a sorted JSON array
        Path state = workDir.resolve("terraform.tfstate");
        Matcher stored = STATE_ELEMENTS.matcher(Files.readString(state));
        assertThat(stored.find()).isTrue();
        String sorted = "\"elements\": [\"10.1.2.3/8\", \"172.16.0.1\", \"192.168.1.0/24\"]";
        Files.writeString(state, stored.replaceFirst(Matcher.quoteReplacement(sorted)));

        tf.plan().assertExit(0);
        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("lifecycle");
    }

    @Test
    void elementsTheDatapathWritesIntoADynamicSetAreNotDrift() {
        Terraform tf = Terraform.in(workDir).config(Hcl.provider(host) + Hcl.table("t", "inet", "learned") + """
                resource "nftables_set" "seen" {
                  table_id = nftables_table.t.id
                  name     = "seen"
                  type     = "ipv4_addr"
                  flags    = ["dynamic", "timeout"]
                  timeout  = "60s"
                }
                """);
        tf.init();
        tf.apply();
        assertThat(host.nft("list set inet learned seen"))
                .contains("flags dynamic,timeout")
                .contains("timeout 1m");
        tf.plan().assertExit(0);

        // what `add @seen { ip saddr }` in a rule writes
        host.nft("add element inet learned seen { 10.213.99.5 }");
        tf.plan().assertExit(0);

        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("learned");
    }

    @Test
    void perElementTimeoutsAndCommentsAreElementTextAndTheirCountdownIsNotDrift() {
        Terraform tf = Terraform.in(workDir).config(timedSet("on call, ana"));
        tf.init();
        tf.apply();
        assertThat(host.exec("nft", "-s", "list", "set", "inet", "timed", "oncall"))
                .contains("10.1.1.1 timeout 1h comment \"on call, ana\"")
                .contains("10.1.1.2 comment \"vpn\"");
        String expiresAfterApply = expires();
        tf.plan().assertExit(0);
        // nft lists the countdown in milliseconds, and a plan takes seconds: the plan saw it move on, without drift
        assertThat(expires()).isNotEqualTo(expiresAfterApply);

        tf.config(timedSet("on call, bo"));
        var update = tf.plan().assertExit(2);
        assertThat(update.stdout())
                .contains("on call, bo")
                .contains("update in-place")
                .doesNotContain("must be replaced")
                // a list diff shows the unchanged neighbour as context, never as removed or added
                .doesNotContain("- \"10.1.1.2")
                .doesNotContain("+ \"10.1.1.2");
        tf.apply();
        assertThat(host.exec("nft", "-s", "list", "set", "inet", "timed", "oncall"))
                .contains("10.1.1.1 timeout 1h comment \"on call, bo\"")
                .doesNotContain("ana");
        tf.plan().assertExit(0);

        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("timed");
    }

    private static String timedSet(String comment) {
        return Hcl.provider(host) + Hcl.table("t", "inet", "timed") + """
                resource "nftables_set" "s" {
                  table_id = nftables_table.t.id
                  name     = "oncall"
                  type     = "ipv4_addr"
                  flags    = ["timeout"]
                  elements = ["10.1.1.1 timeout 60m comment \\"%s\\"", "10.1.1.2 comment \\"vpn\\""]
                }
                """.formatted(comment);
    }

    /** What is left of 10.1.1.1's timeout, as the host lists it (e.g. {@code 59m58s940ms}). */
    private static String expires() {
        Matcher m = EXPIRES.matcher(host.nft("list set inet timed oncall"));
        assertThat(m.find()).as("a countdown for 10.1.1.1").isTrue();
        return m.group(1);
    }

    /** The elements of the set as the host lists them (stateless). */
    private static Set<String> elementsOnHost() {
        String listing = host.exec("nft", "-s", "list", "set", "inet", "lifecycle", "allowed");
        Matcher m = ELEMENTS.matcher(listing);
        if (!m.find()) {
            return Set.of();
        }
        return Arrays.stream(m.group(1).split(","))
                .map(String::strip)
                .filter(e -> !e.isEmpty())
                .collect(Collectors.toSet());
    }

    private static String config(List<String> elements) {
        String list = elements.stream().map(e -> "\"" + e + "\"").collect(Collectors.joining(", "));
        return Hcl.provider(host) + Hcl.table("t", "inet", "lifecycle") + """
                resource "nftables_set" "s" {
                  table_id = nftables_table.t.id
                  name     = "allowed"
                  type     = "ipv4_addr"
                  flags    = ["interval"]
                  elements = [%s]
                }
                """.formatted(list);
    }
}
