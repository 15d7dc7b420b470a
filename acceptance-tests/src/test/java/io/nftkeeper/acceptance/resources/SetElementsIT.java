package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.BystanderHost;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
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

/**
 * nftables_set_elements end to end: two teams contribute elements to one set owned by an nftables_set that does not
 * manage elements; nobody clobbers anybody, on a real kernel through real terraform.
 */
class SetElementsIT {
    private static final Pattern ELEMENTS = Pattern.compile("elements = \\{([^}]*)}");

    @RegisterExtension
    static final BystanderHost SANDBOX = new BystanderHost("setel-it");

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void useHost() {
        host = SANDBOX.host();
    }

    @Test
    void twoContributorsEachManageOnlyTheirOwnElements() {
        // team b writes 172.16.1.2/12, which the host lists as 172.16.0.0/12: not a change
        Terraform tf = Terraform.in(workDir.resolve("main"))
                .config(config(List.of("10.0.0.0/8", "192.168.1.7"), List.of("172.16.1.2/12"), "admins"));
        tf.init();
        tf.apply();

        assertThat(elementsOf("admins")).containsExactlyInAnyOrder("10.0.0.0/8", "192.168.1.7", "172.16.0.0/12");
        tf.plan().assertExit(0);
        tf.plan("-refresh=false").assertExit(0);
        // another order is no change
        tf.config(config(List.of("192.168.1.7", "10.0.0.0/8"), List.of("172.16.1.2/12"), "admins"));
        tf.plan().assertExit(0);

        // import: a team's module that does not own the set names it by id; imported equals created
        Terraform fresh =
                Terraform.in(workDir.resolve("imported")).config(Hcl.provider(host) + """
                resource "nftables_set_elements" "team_a" {
                  set_id   = "%s/inet/shared/admins"
                  elements = ["10.0.0.0/8", "192.168.1.7"]
                }
                """.formatted(host.address()));
        fresh.init();
        fresh.run(
                        "import",
                        "-input=false",
                        "nftables_set_elements.team_a",
                        host.address() + "/inet/shared/admins/10.0.0.0/8,192.168.1.7")
                .assertExit(0);
        fresh.plan().assertExit(0);
        assertThat(stateOf(fresh, "nftables_set_elements.team_a"))
                .isEqualTo(stateOf(tf, "nftables_set_elements.team_a"));

        // someone adds an element nobody manages and deletes one of team b's: only team b's shows, apply restores it
        host.nft("add element inet shared admins { 203.0.113.7 }");
        host.nft("delete element inet shared admins { 172.16.0.0/12 }");
        var drift = tf.plan().assertExit(2);
        assertThat(drift.stdout())
                .contains("nftables_set_elements.team_b will be updated in-place")
                .contains("172.16.1.2/12")
                .doesNotContain("team_a will")
                .doesNotContain("nftables_set.admins will")
                .doesNotContain("203.0.113.7");
        tf.apply();
        assertThat(elementsOf("admins"))
                .containsExactlyInAnyOrder("10.0.0.0/8", "192.168.1.7", "172.16.0.0/12", "203.0.113.7");
        tf.plan().assertExit(0);
        host.nft("delete element inet shared admins { 203.0.113.7 }");

        // team a changes one element in place; team b's stays
        tf.config(config(List.of("10.0.0.0/8", "192.168.1.8"), List.of("172.16.1.2/12"), "admins"));
        var update = tf.plan().assertExit(2);
        assertThat(update.stdout())
                .contains("nftables_set_elements.team_a will be updated in-place")
                .doesNotContain("must be replaced")
                .doesNotContain("team_b will");
        tf.apply();
        assertThat(elementsOf("admins")).containsExactlyInAnyOrder("10.0.0.0/8", "192.168.1.8", "172.16.0.0/12");
        tf.plan().assertExit(0);

        // team b moves to another set: replaced, its element leaves admins and lands in ops
        tf.config(config(List.of("10.0.0.0/8", "192.168.1.8"), List.of("172.16.1.2/12"), "ops"));
        assertThat(tf.plan().assertExit(2).stdout()).contains("nftables_set_elements.team_b must be replaced");
        tf.apply();
        assertThat(elementsOf("admins")).containsExactlyInAnyOrder("10.0.0.0/8", "192.168.1.8");
        assertThat(elementsOf("ops")).containsExactly("172.16.0.0/12");
        tf.plan().assertExit(0);

        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("shared");
    }

    @Test
    void aSetThatStopsManagingItsElementsLeavesThemInPlaceAndIgnoresContributions() {
        Terraform tf = Terraform.in(workDir)
                .config(Hcl.provider(host)
                        + Hcl.table("t", "inet", "handover")
                        + ownedSet("elements = [\"10.0.0.1\"]"));
        tf.init();
        tf.apply();
        assertThat(elementsOf("handover", "s")).containsExactly("10.0.0.1");

        // the set stops managing elements: the plan says so, and apply deletes nothing
        tf.config(Hcl.provider(host) + Hcl.table("t", "inet", "handover") + ownedSet("") + """
                resource "nftables_set_elements" "extra" {
                  set_id   = nftables_set.s.id
                  elements = ["10.0.0.2"]
                }
                """);
        tf.apply();
        assertThat(elementsOf("handover", "s")).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
        tf.plan().assertExit(0);
        host.nft("add element inet handover s { 10.0.0.3 }");
        tf.plan().assertExit(0);

        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("handover");
    }

    private static String ownedSet(String elements) {
        return """
                resource "nftables_set" "s" {
                  table_id = nftables_table.t.id
                  name     = "s"
                  type     = "ipv4_addr"
                  %s
                }
                """.formatted(elements);
    }

    /** One resource's block of {@code terraform show}, which lists every attribute. */
    static String stateOf(Terraform tf, String address) {
        String all = tf.run("show").assertExit(0).stdout();
        int start = all.indexOf("# " + address + ":");
        assertThat(start).as("%s in terraform show:%n%s", address, all).isNotNegative();
        int end = all.indexOf("\n# ", start + 1);
        return all.substring(start, end < 0 ? all.length() : end).strip();
    }

    private static Set<String> elementsOf(String set) {
        return elementsOf("shared", set);
    }

    /** The elements of the set as the host lists them (stateless). */
    private static Set<String> elementsOf(String table, String set) {
        String listing = host.exec("nft", "-s", "list", "set", "inet", table, set);
        Matcher m = ELEMENTS.matcher(listing);
        if (!m.find()) {
            return Set.of();
        }
        return Arrays.stream(m.group(1).split(","))
                .map(String::strip)
                .filter(e -> !e.isEmpty())
                .collect(Collectors.toSet());
    }

    private static String config(List<String> teamA, List<String> teamB, String teamBSet) {
        return Hcl.provider(host)
                + Hcl.table("t", "inet", "shared")
                + """
                resource "nftables_set" "admins" {
                  table_id = nftables_table.t.id
                  name     = "admins"
                  type     = "ipv4_addr"
                  flags    = ["interval"]
                }
                resource "nftables_set" "ops" {
                  table_id = nftables_table.t.id
                  name     = "ops"
                  type     = "ipv4_addr"
                  flags    = ["interval"]
                }
                resource "nftables_set_elements" "team_a" {
                  set_id   = nftables_set.admins.id
                  elements = [%s]
                }
                resource "nftables_set_elements" "team_b" {
                  set_id   = nftables_set.%s.id
                  elements = [%s]
                }
                """.formatted(quoted(teamA), teamBSet, quoted(teamB));
    }

    private static String quoted(List<String> elements) {
        return elements.stream().map(e -> "\"" + e + "\"").collect(Collectors.joining(", "));
    }
}
