package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invalid configurations fail {@code terraform plan} (validation or the plan's checks on the host), never
 * {@code apply}: each with exactly one error diagnostic that points at the attribute at fault and says what is
 * wrong, and the host's ruleset stays byte-identical.
 */
class BadConfigIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the host has before any bad configuration is planned: managed tables, a base chain and a set. */
    private static final String BASELINE = """
            resource "nftables_table" "t" {
              family = "inet"
              name   = "badcfg"
            }
            resource "nftables_table" "nd" {
              family = "netdev"
              name   = "badnd"
            }
            resource "nftables_chain" "input" {
              table_id = nftables_table.t.id
              name     = "input"
              type     = "filter"
              hook     = "input"
              priority = "0"
              rule {
                expr = "ct state established,related accept"
              }
            }
            resource "nftables_set" "allowed" {
              table_id = nftables_table.t.id
              name     = "allowed"
              type     = "ipv4_addr"
              elements = ["10.213.0.1"]
            }
            """;

    /**
     * One bad configuration, as a resource of its own added to the baseline: the single error Terraform reports for
     * {@code address} contains {@code text} in its summary or detail, and the configuration line it quotes contains
     * {@code line}.
     */
    record Case(String name, String address, String hcl, String text, String line) {}

    /** Refused by validation (schema validators and config validators): no host is asked. */
    private static final List<Case> INVALID = List.of(
            new Case(
                    "bad family",
                    "nftables_table.family",
                    """
                    resource "nftables_table" "family" {
                      family = "inet6"
                      name   = "extra"
                    }
                    """,
                    "is not allowed here; use one of",
                    "family = \"inet6\""),
            new Case(
                    "bad table name characters",
                    "nftables_table.name_chars",
                    """
                    resource "nftables_table" "name_chars" {
                      family = "inet"
                      name   = "bad name!"
                    }
                    """,
                    "Invalid table name",
                    "name   = \"bad name!\""),
            new Case(
                    "table name over 255 characters",
                    "nftables_table.name_long",
                    """
                    resource "nftables_table" "name_long" {
                      family = "inet"
                      name   = "%s"
                    }
                    """.formatted("t".repeat(256)),
                    "Invalid table name",
                    "name   = \"ttt"),
            new Case(
                    "unknown hook",
                    "nftables_chain.hook",
                    chain("hook", "type = \"filter\"\n  hook = \"inptu\"\n" + "  priority = \"0\""),
                    "is not allowed here; use one of",
                    "hook = \"inptu\""),
            new Case(
                    "unknown chain type",
                    "nftables_chain.type",
                    chain("type", "type = \"filtre\"\n" + "  hook = \"input\"\n  priority = \"0\""),
                    "is not allowed here; use one of",
                    "type = \"filtre\""),
            new Case(
                    "policy on a regular chain",
                    "nftables_chain.regular_policy",
                    chain("regular_policy", "policy = \"drop\""),
                    "Not a base chain",
                    "policy = \"drop\""),
            new Case(
                    "unknown policy",
                    "nftables_chain.policy",
                    chain(
                            "policy",
                            "type = \"filter\"\n" + "  hook = \"input\"\n  priority = \"0\"\n  policy = \"reject\""),
                    "is not allowed here; use one of",
                    "policy = \"reject\""),
            new Case(
                    "priority out of range",
                    "nftables_chain.priority_range",
                    chain("priority_range", "type = \"filter\"\n  hook = \"input\"\n  priority = \"3000000000\""),
                    "Invalid priority",
                    "priority = \"3000000000\""),
            new Case(
                    "unknown priority name",
                    "nftables_chain.priority_name",
                    chain("priority_name", "type = \"filter\"\n  hook = \"input\"\n  priority = \"filtr\""),
                    "Invalid priority",
                    "priority = \"filtr\""),
            new Case(
                    "bad chain name characters",
                    "nftables_chain.name_chars",
                    """
                    resource "nftables_chain" "name_chars" {
                      table_id = nftables_table.t.id
                      name     = "in put"
                    }
                    """,
                    "Invalid chain name",
                    "name     = \"in put\""),
            new Case(
                    "table_id that is no table id",
                    "nftables_chain.table_id",
                    """
                    resource "nftables_chain" "table_id" {
                      table_id = "nonsense"
                      name     = "x"
                    }
                    """,
                    "table_id",
                    "table_id = \"nonsense\""),
            new Case(
                    "command injected after ;",
                    "nftables_chain.injection",
                    rules("injection", "accept; flush ruleset"),
                    "Invalid rule",
                    "expr = \"accept; flush ruleset\""),
            new Case("empty rule", "nftables_chain.empty_rule", rules("empty_rule", ""), "Invalid rule", "expr = \"\""),
            new Case(
                    "# comment in a rule",
                    "nftables_chain.hash",
                    rules("hash", "tcp dport 22 accept # ssh"),
                    "Invalid rule",
                    "expr = \"tcp dport 22 accept # ssh\""),
            new Case(
                    "unbalanced braces",
                    "nftables_chain.braces",
                    rules("braces", "tcp dport { 22, 80 accept"),
                    "Invalid rule",
                    "expr = \"tcp dport { 22, 80 accept\""),
            new Case(
                    "comment over 128 bytes",
                    "nftables_chain.long_comment",
                    """
                    resource "nftables_chain" "long_comment" {
                      table_id = nftables_table.t.id
                      name     = "long_comment"
                      rule {
                        expr    = "accept"
                        comment = "%s"
                      }
                    }
                    """.formatted("c".repeat(129)),
                    "Invalid comment",
                    "comment = \"ccc"));

    /** Valid as configuration; refused by the plan: the provider's checks and the host's dry run. */
    private static final List<Case> REFUSED = List.of(
            new Case(
                    "hook the family lacks",
                    "nftables_chain.netdev_input",
                    """
                    resource "nftables_chain" "netdev_input" {
                      table_id = nftables_table.nd.id
                      name     = "netdev_input"
                      type     = "filter"
                      hook     = "input"
                      priority = "0"
                    }
                    """,
                    "Hook input is not available in family netdev",
                    "hook     = \"input\""),
            new Case(
                    "nat chain at the forward hook",
                    "nftables_chain.nat_forward",
                    chain("nat_forward", "type = \"nat\"\n  hook = \"forward\"\n  priority = \"0\""),
                    "A nat chain cannot hook forward",
                    "hook = \"forward\""),
            new Case(
                    "route chain at the input hook",
                    "nftables_chain.route_input",
                    chain("route_input", "type = \"route\"\n  hook = \"input\"\n  priority = \"0\""),
                    "A route chain cannot hook input",
                    "hook = \"input\""),
            new Case(
                    "devices on an input chain",
                    "nftables_chain.input_devices",
                    chain(
                            "input_devices",
                            "type = \"filter\"\n  hook = \"input\"\n  priority = \"0\"\n  devices = [\"lo\"]"),
                    "Devices need an ingress or egress hook",
                    "devices = [\"lo\"]"),
            new Case(
                    "ingress chain without devices",
                    "nftables_chain.ingress_nodev",
                    """
                    resource "nftables_chain" "ingress_nodev" {
                      table_id = nftables_table.nd.id
                      name     = "ingress_nodev"
                      type     = "filter"
                      hook     = "ingress"
                      priority = "0"
                    }
                    """,
                    "Hook ingress needs devices",
                    "hook     = \"ingress\""),
            new Case(
                    "dstnat priority at the input hook",
                    "nftables_chain.dstnat_input",
                    chain("dstnat_input", "type = \"filter\"\n  hook = \"input\"\n  priority = \"dstnat\""),
                    "Priority dstnat is not valid at hook input",
                    "priority = \"dstnat\""),
            new Case(
                    "an nft keyword as chain name",
                    "nftables_chain.keyword",
                    """
                    resource "nftables_chain" "keyword" {
                      table_id = nftables_table.t.id
                      name     = "counter"
                    }
                    """,
                    "Chain name counter is an nft keyword",
                    "name     = \"counter\""),
            new Case(
                    "bad rule syntax",
                    "nftables_chain.syntax",
                    rules("syntax", "ct state new accept", "tcp dportt 22 accept"),
                    "The host refuses rule 2 of chain syntax",
                    "expr = \"tcp dportt 22 accept\""),
            new Case(
                    "unknown set",
                    "nftables_chain.unknown_set",
                    rules("unknown_set", "ip saddr @nope accept"),
                    "The host refuses rule 1 of chain unknown_set",
                    "expr = \"ip saddr @nope accept\""),
            new Case(
                    "unknown jump target",
                    "nftables_chain.unknown_jump",
                    rules("unknown_jump", "counter", "jump nowhere"),
                    "The host refuses rule 2 of chain unknown_jump",
                    "expr = \"jump nowhere\""),
            new Case(
                    "wrong element type in an anonymous set",
                    "nftables_chain.element_type",
                    rules("element_type", "ip saddr { 10.213.0.1, fe80::1 } accept"),
                    "The host refuses rule 1 of chain element_type",
                    "expr = \"ip saddr { 10.213.0.1, fe80::1 } accept\""),
            new Case(
                    "wrong element type against a named set",
                    "nftables_chain.set_type",
                    rules("set_type", "ip6 saddr @allowed accept"),
                    "The host refuses rule 1 of chain set_type",
                    "expr = \"ip6 saddr @allowed accept\""),
            new Case(
                    "port out of range",
                    "nftables_chain.port_range",
                    rules("port_range", "tcp dport 99999 accept"),
                    "out of range",
                    "expr = \"tcp dport 99999 accept\""),
            new Case(
                    "masquerade in a filter chain",
                    "nftables_chain.masquerade_filter",
                    """
                    resource "nftables_chain" "masquerade_filter" {
                      table_id = nftables_table.t.id
                      name     = "masquerade_filter"
                      type     = "filter"
                      hook     = "forward"
                      priority = "0"
                      rule {
                        expr = "masquerade"
                      }
                    }
                    """,
                    "`masquerade` works only in chains of type nat",
                    "expr = \"masquerade\""),
            new Case(
                    "dnat in a postrouting nat chain",
                    "nftables_chain.dnat_postrouting",
                    """
                    resource "nftables_chain" "dnat_postrouting" {
                      table_id = nftables_table.t.id
                      name     = "dnat_postrouting"
                      type     = "nat"
                      hook     = "postrouting"
                      priority = "srcnat"
                      rule {
                        expr = "tcp dport 80 dnat ip to 10.213.0.9"
                      }
                    }
                    """,
                    "`dnat` works only in nat chains at hook prerouting or output",
                    "expr = \"tcp dport 80 dnat ip to 10.213.0.9\""));

    @TempDir
    Path workDir;

    @Test
    void everyBadConfigurationFailsThePlanWithOneErrorOnTheAttributeAndChangesNothing() {
        assertThat(INVALID.size() + REFUSED.size()).isGreaterThanOrEqualTo(20);
        try (SandboxHost host = SandboxHost.up("badcfg-it")) {
            Terraform tf = Terraform.in(workDir).config(Hcl.provider(host) + BASELINE);
            tf.init();
            tf.apply();
            String before = host.nft("list ruleset");

            // validation stops a plan before any resource is planned: the two groups are planned separately, each
            // case a resource of its own, so every case must come back as exactly one error on its own resource
            List<String> failures = new ArrayList<>();
            for (List<Case> group : List.of(INVALID, REFUSED)) {
                tf.config(Hcl.provider(host)
                        + BASELINE
                        + group.stream().map(Case::hcl).reduce("", String::concat));
                failures.addAll(failures(tf.plan("-json", "-refresh=false"), group));
                assertThat(host.nft("list ruleset")).as("the host's ruleset").isEqualTo(before);
            }
            assertThat(failures)
                    .as(INVALID.size() + REFUSED.size() + " bad configurations")
                    .isEmpty();

            tf.config(Hcl.provider(host) + BASELINE);
            tf.plan().assertExit(0);
            tf.destroy();
        }
    }

    /** What is wrong with a {@code plan -json} that should fail with exactly one error for each of {@code group}. */
    static List<String> failures(Terraform.Result plan, List<Case> group) {
        List<String> failures = new ArrayList<>();
        List<JsonNode> errors = errors(plan.stdout());
        if (plan.exitCode() != 1) {
            failures.add("plan exited " + plan.exitCode() + ":\n" + plan.output());
        }
        if (errors.size() != group.size()) {
            failures.add(errors.size() + " errors for " + group.size() + " bad configurations: " + errors);
        }
        for (Case c : group) {
            problem(c, errors).ifPresent(p -> failures.add(c.name() + ": " + p));
        }
        return failures;
    }

    /** What is wrong with the errors reported for {@code c}, if anything. */
    static Optional<String> problem(Case c, List<JsonNode> errors) {
        List<JsonNode> mine = errors.stream()
                .filter(e -> e.path("address").asText().matches(c.address()))
                .toList();
        if (mine.size() != 1) {
            return Optional.of(mine.size() + " errors on " + c.address() + ": " + mine);
        }
        JsonNode error = mine.get(0);
        String words =
                error.path("summary").asText() + "\n" + error.path("detail").asText();
        String line = error.path("snippet").path("code").asText();
        if (!words.contains(c.text())) {
            return Optional.of("the error does not say \"" + c.text() + "\": " + words);
        }
        if (!line.contains(c.line())) {
            return Optional.of("the error points at \"" + line + "\", not at \"" + c.line() + "\"");
        }
        return Optional.empty();
    }

    /** The error diagnostics of {@code terraform plan -json}, one JSON object per line. */
    static List<JsonNode> errors(String jsonLines) {
        List<JsonNode> errors = new ArrayList<>();
        for (String line : jsonLines.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode message = JSON.readTree(line);
                if (message.path("type").asText().equals("diagnostic")
                        && message.path("diagnostic").path("severity").asText().equals("error")) {
                    errors.add(message.path("diagnostic"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("terraform plan -json printed a line that is not JSON: " + line, e);
            }
        }
        return errors;
    }

    /** A chain labelled and named {@code name} in the inet table with the given attribute lines. */
    private static String chain(String name, String lines) {
        return """
                resource "nftables_chain" "%s" {
                  table_id = nftables_table.t.id
                  name = "%s"
                  %s
                }
                """.formatted(name, name, lines);
    }

    /** A regular chain labelled and named {@code name} in the inet table with these rules. */
    private static String rules(String name, String... exprs) {
        StringBuilder blocks = new StringBuilder();
        for (String expr : exprs) {
            blocks.append("  rule {\n    expr = \"")
                    .append(expr.replace("\"", "\\\""))
                    .append("\"\n  }\n");
        }
        return """
                resource "nftables_chain" "%s" {
                  table_id = nftables_table.t.id
                  name     = "%s"
                %s}
                """.formatted(name, name, blocks);
    }
}
