package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.acceptance.resources.BadConfigIT.Case;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes that once passed the plan (issue 16) fail it now, in the manner of {@link BadConfigIT}: one error on the
 * attribute at fault that names the element, key or hook, and the host's ruleset stays as it was. Set elements and map
 * entries of the wrong type (item 6), a hook the family of a table created in the same run lacks (item 8, which left
 * an empty table behind at apply), and an unknown key in {@code host_overrides} (item 9, silently dropped).
 */
class PlanTimeChecksIT {

    private static final String BASELINE = """
            resource "nftables_table" "t" {
              family = "inet"
              name   = "val_checks"
            }
            resource "nftables_set" "allowed" {
              table_id = nftables_table.t.id
              name     = "allowed"
              type     = "ipv4_addr"
              flags    = ["interval"]
              elements = ["10.213.0.1", "192.0.2.0/24", "172.16.0.1-172.16.0.9"]
            }
            """;

    /** Refused by the configuration's validation: no host is asked. */
    private static final List<Case> INVALID = List.of(
            new Case(
                    "an octet over 255",
                    "nftables_set.octet",
                    set("octet", "ipv4_addr", "10.213.0.2", "10.1.1.300"),
                    "`10.1.1.300` is not an IPv4 address",
                    "10.1.1.300"),
            new Case(
                    "an IPv6 address in an ipv4_addr set",
                    "nftables_set.v6_in_v4",
                    set("v6_in_v4", "ipv4_addr", "fe80::1"),
                    "`fe80::1` is an IPv6 address, not an IPv4 address",
                    "fe80::1"),
            new Case(
                    "an IPv4 address in an ipv6_addr set",
                    "nftables_set.v4_in_v6",
                    set("v4_in_v6", "ipv6_addr", "10.213.0.1"),
                    "is an IPv4 address, not an IPv6 address",
                    "10.213.0.1"),
            new Case(
                    "a host name in an address set",
                    "nftables_set.hostname",
                    set("hostname", "ipv4_addr", "localhost"),
                    "nft would take it for a host name",
                    "localhost"),
            new Case(
                    "a bad address in a concatenation",
                    "nftables_set.pair",
                    set("pair", "ipv4_addr . inet_service", "10.213.0.300 . 22"),
                    "(part 1 of 2, ipv4_addr) is not an IPv4 address",
                    "10.213.0.300 . 22"),
            new Case("a map key of the wrong family", "nftables_map.vmap", """
                    resource "nftables_map" "vmap" {
                      table_id   = nftables_table.t.id
                      name       = "vmap"
                      type       = "ipv4_addr"
                      value_type = "verdict"
                      elements   = { "fe80::1" = "accept" }
                    }
                    """, "Invalid key \"fe80::1\"", "fe80::1"),
            new Case(
                    "a DNAT map value with a bad address",
                    "nftables_map.dnat",
                    """
                    resource "nftables_map" "dnat" {
                      table_id   = nftables_table.t.id
                      name       = "dnat"
                      type       = "inet_service"
                      value_type = "ipv4_addr . inet_service"
                      elements   = { "80" = "10.213.0.300 . 8080" }
                    }
                    """,
                    "Invalid value \"10.213.0.300 . 8080\" of key \"80\"",
                    "10.213.0.300 . 8080"));

    /** Refused by the host's nft in the plan's dry run of each set's and map's elements: no grammar of them here. */
    private static final List<Case> REFUSED_BY_HOST = List.of(
            new Case(
                    "a typeof expression nft cannot read",
                    "nftables_map.bad_typeof",
                    """
                    resource "nftables_map" "bad_typeof" {
                      table_id   = nftables_table.t.id
                      name       = "bad_typeof"
                      typeof     = "ip saddrr"
                      value_type = "verdict"
                    }
                    """,
                    "The host's nft refuses the declaration of map inet val_checks bad_typeof",
                    "typeof     = \"ip saddrr\""),
            new Case(
                    "a service nft does not know",
                    "nftables_set.services",
                    set("services", "inet_service", "22", "nosuchservice"),
                    "\"nosuchservice\" of set inet val_checks services: Could not resolve service",
                    "nosuchservice"),
            new Case(
                    "a malformed MAC address",
                    "nftables_set.macs",
                    set("macs", "ether_addr", "02:00:00:00:00:01", "02:00:zz:00:00:01"),
                    "\"02:00:zz:00:00:01\" of set inet val_checks macs: syntax error",
                    "02:00:zz:00:00:01"),
            new Case(
                    "a mark wider than 32 bits",
                    "nftables_set.marks",
                    set("marks", "mark", "0x1", "0x1ffffffff"),
                    "\"0x1ffffffff\" of set inet val_checks marks: Value 8589934591 exceeds valid range",
                    "0x1ffffffff"),
            new Case(
                    "a map key nft does not know",
                    "nftables_map.ports",
                    """
                    resource "nftables_map" "ports" {
                      table_id   = nftables_table.t.id
                      name       = "ports"
                      type       = "inet_service"
                      value_type = "verdict"
                      elements   = { "22" = "accept", "nosuchservice" = "drop" }
                    }
                    """,
                    "\"nosuchservice\" = \"drop\" of map inet val_checks ports: ",
                    "nosuchservice"),
            new Case(
                    "a map value out of range",
                    "nftables_map.marks_by_addr",
                    """
                    resource "nftables_map" "marks_by_addr" {
                      table_id   = nftables_table.t.id
                      name       = "marks_by_addr"
                      type       = "ipv4_addr"
                      value_type = "mark"
                      elements   = { "10.213.0.9" = "0x1ffffffff" }
                    }
                    """,
                    "exceeds valid range",
                    "0x1ffffffff"));

    /** A new arp table and a chain at a hook arp lacks: refused at plan, from the configuration alone. */
    private static final String ARP_PREROUTING = """
            resource "nftables_table" "arp" {
              family = "arp"
              name   = "val_arp"
            }
            resource "nftables_chain" "arp_pre" {
              table_id = nftables_table.arp.id
              name     = "arp_pre"
              type     = "filter"
              hook     = "prerouting"
              priority = "0"
            }
            """;

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("val-checks");
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void elementsOfTheWrongTypeFailThePlanNamingTheElementAndChangeNothing() {
        Terraform tf = Terraform.in(workDir).config(Hcl.provider(host) + BASELINE);
        tf.init();
        tf.apply();
        String before = host.nft("list ruleset");

        tf.config(
                Hcl.provider(host) + BASELINE + INVALID.stream().map(Case::hcl).reduce("", String::concat));
        assertThat(BadConfigIT.failures(tf.plan("-json", "-refresh=false"), INVALID))
                .as(INVALID.size() + " bad elements")
                .isEmpty();
        assertThat(tf.run("apply", "-input=false", "-auto-approve").exitCode()).isEqualTo(1);
        assertThat(host.nft("list ruleset")).as("the host's ruleset").isEqualTo(before);

        tf.config(Hcl.provider(host) + BASELINE);
        tf.plan().assertExit(0);
        tf.destroy();
    }

    @Test
    void elementsTheHostsNftRefusesFailThePlanNamingTheElementAndChangeNothing() {
        Terraform tf = Terraform.in(workDir).config(Hcl.provider(host) + BASELINE);
        tf.init();
        tf.apply();
        String before = host.nft("list ruleset");

        tf.config(Hcl.provider(host)
                + BASELINE
                + REFUSED_BY_HOST.stream().map(Case::hcl).reduce("", String::concat));
        assertThat(BadConfigIT.failures(tf.plan("-json", "-refresh=false"), REFUSED_BY_HOST))
                .as(REFUSED_BY_HOST.size() + " elements the host refuses")
                .isEmpty();
        assertThat(host.nft("list ruleset"))
                .as("the host's ruleset after the plan")
                .isEqualTo(before);

        tf.config(Hcl.provider(host) + BASELINE);
        tf.destroy();
    }

    @Test
    void aHookTheNewTablesFamilyLacksFailsThePlanAndNoTableIsLeftBehind() {
        Terraform tf = Terraform.in(workDir).config(Hcl.provider(host) + ARP_PREROUTING);
        tf.init();

        Terraform.Result plan = tf.plan("-json");
        List<JsonNode> errors = BadConfigIT.errors(plan.stdout());
        assertThat(plan.exitCode()).as(plan.output()).isEqualTo(1);
        assertThat(BadConfigIT.problem(
                        new Case(
                                "arp prerouting",
                                "nftables_chain.arp_pre",
                                ARP_PREROUTING,
                                "Hook prerouting is not available in family arp",
                                "hook     = \"prerouting\""),
                        errors))
                .isEmpty();
        assertThat(errors).hasSize(1);

        Terraform.Result apply = tf.run("apply", "-input=false", "-auto-approve");
        assertThat(apply.exitCode()).as(apply.output()).isEqualTo(1);
        assertThat(apply.output()).contains("An arp table has the hooks input, output.");
        assertThat(host.nft("list tables"))
                .as("tables on the host after the refused apply")
                .doesNotContain("val_arp");
    }

    @Test
    void anUnknownKeyInHostOverridesFailsValidation() {
        String misspelt = "provider \"nftables\" {\n  host_overrides = { \"%s\" = { port = %d, bastoin = \"jump\" } }\n"
                .formatted(host.address(), host.port());
        Terraform tf = Terraform.in(workDir)
                .config(Hcl.provider(host).replace("provider \"nftables\" {\n", misspelt) + BASELINE);
        tf.init();

        Terraform.Result validate = tf.run("validate");
        assertThat(validate.exitCode()).as(validate.output()).isEqualTo(1);
        assertThat(validate.output()).contains("Unsupported host override \"bastoin\"", "bastion");
        assertThat(host.nft("list tables")).doesNotContain("val_checks");
    }

    private static String set(String name, String type, String... elements) {
        return """
                resource "nftables_set" "%s" {
                  table_id = nftables_table.t.id
                  name     = "%s"
                  type     = "%s"
                  elements = [%s]
                }
                """.formatted(
                name,
                name,
                type,
                String.join(
                        ", ", Arrays.stream(elements).map(e -> "\"" + e + "\"").toList()));
    }
}
