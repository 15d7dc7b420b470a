package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule corpus (src/test/resources/corpus/rules.txt: every statement and expression family of the seed plus every
 * normalization case of libnftables-notes.md) applied through terraform in nftables_chain resources: afterwards the
 * plan is empty, with and without refresh, although nft lists most of these rules differently from how they were
 * written.
 */
class RuleCorpusIT {
    private static final String CORPUS = "/corpus/rules.txt";
    /** Rules per chain resource: enough chains to exercise several resources per apply, few enough to stay fast. */
    private static final int RULES_PER_CHAIN = 50;

    private static final Pattern HEADER = Pattern.compile(
            "^\\[(\\S+) (\\S+) (\\S+)(?:: (\\S+) (\\S+) (.+?)(?: policy (\\S+))?(?: device (\\S+))?)?]$");

    /** The sets the corpus looks up, all in {@code inet corpus}. */
    private static final String SETS = """
            resource "nftables_set" "allowed_v4" {
              table_id = nftables_table.inet_corpus.id
              name     = "allowed_v4"
              type     = "ipv4_addr"
              flags    = ["interval"]
              elements = ["10.213.0.0/24"]
            }
            resource "nftables_set" "allowed_v6" {
              table_id = nftables_table.inet_corpus.id
              name     = "allowed_v6"
              type     = "ipv6_addr"
              flags    = ["interval"]
            }
            resource "nftables_set" "blackhole" {
              table_id = nftables_table.inet_corpus.id
              name     = "blackhole"
              type     = "ipv4_addr"
              flags    = ["constant", "interval"]
              elements = ["192.0.2.0/24", "198.51.100.0/24"]
            }
            resource "nftables_set" "ports" {
              table_id = nftables_table.inet_corpus.id
              name     = "ports"
              type     = "inet_service"
              elements = ["22", "80"]
            }
            resource "nftables_set" "pairs" {
              table_id = nftables_table.inet_corpus.id
              name     = "pairs"
              type     = "ipv4_addr . inet_service"
              elements = ["10.213.0.1 . 22"]
            }
            resource "nftables_set" "triples" {
              table_id = nftables_table.inet_corpus.id
              name     = "triples"
              type     = "ipv4_addr . ipv4_addr . inet_proto"
              elements = ["10.213.0.1 . 10.213.0.2 . tcp"]
            }
            resource "nftables_set" "dyn" {
              table_id = nftables_table.inet_corpus.id
              name     = "dyn"
              type     = "ipv4_addr"
              flags    = ["dynamic", "timeout"]
              timeout  = "1h"
            }
            resource "nftables_set" "macs" {
              table_id = nftables_table.inet_corpus.id
              name     = "macs"
              type     = "ether_addr"
            }
            resource "nftables_set" "ifaces" {
              table_id = nftables_table.inet_corpus.id
              name     = "ifaces"
              type     = "ifname"
            }
            resource "nftables_set" "marks" {
              table_id = nftables_table.inet_corpus.id
              name     = "marks"
              type     = "mark"
            }
            """;

    private static final List<String> SET_NAMES = List.of(
            "allowed_v4", "allowed_v6", "blackhole", "ports", "pairs", "triples", "dyn", "macs", "ifaces", "marks");

    @TempDir
    Path workDir;

    @Test
    void everyCorpusRuleLeavesAnEmptyPlanAfterApply() {
        List<CorpusChain> corpus = load();
        List<String> texts = corpus.stream()
                .flatMap(c -> c.rules().stream())
                .map(CorpusRule::expr)
                .toList();
        assertThat(new LinkedHashSet<>(texts))
                .as("distinct rule texts in the corpus")
                .hasSizeGreaterThanOrEqualTo(300);
        System.err.println("RuleCorpusIT: " + texts.size() + " rules, " + new LinkedHashSet<>(texts).size()
                + " distinct texts, in " + corpus.size() + " corpus chains");

        try (SandboxHost host = SandboxHost.up("corpus-it")) {
            Terraform tf = Terraform.in(workDir).config(config(host, corpus));
            tf.init();
            tf.apply();
            assertThat(rulesListed(host)).as("rules the host lists").isEqualTo(texts.size());

            tf.plan().assertExit(0);
            tf.plan("-refresh=false").assertExit(0);
            // a second refresh reads the state the first one wrote back: still nothing to do
            tf.run("apply", "-input=false", "-auto-approve", "-refresh-only").assertExit(0);
            tf.plan().assertExit(0);

            // a failed run leaves the rest to the sandbox's removal, which takes every table with it
            tf.destroy();
            assertThat(host.nft("list ruleset")).as("the host after destroy").isBlank();
        }
    }

    /** How many rules the host lists in the corpus tables (lines of the chains' bodies, headers excluded). */
    private static int rulesListed(SandboxHost host) {
        int rules = 0;
        boolean inChain = false;
        for (String line : host.exec("nft", "-s", "list", "ruleset").split("\n")) {
            if (line.startsWith("\tchain ")) {
                inChain = true;
            } else if (line.equals("\t}")) {
                inChain = false;
            } else if (inChain && line.startsWith("\t\t") && !line.strip().startsWith("type ")) {
                rules++;
            }
        }
        return rules;
    }

    private static String config(SandboxHost host, List<CorpusChain> corpus) {
        StringBuilder hcl = new StringBuilder(Hcl.provider(host));
        Map<String, List<CorpusChain>> byTable = new LinkedHashMap<>();
        corpus.forEach(c ->
                byTable.computeIfAbsent(c.tableLabel(), k -> new ArrayList<>()).add(c));
        byTable.forEach((label, chains) -> hcl.append(
                Hcl.table(label, chains.get(0).family(), chains.get(0).table())));
        hcl.append(SETS);
        for (CorpusChain chain : corpus) {
            List<String> dependsOn = new ArrayList<>();
            if (chain.isBase()) {
                // jump targets and looked-up sets must exist before the rules that name them
                byTable.get(chain.tableLabel()).stream()
                        .filter(c -> !c.isBase())
                        .forEach(c -> dependsOn.add("nftables_chain." + c.resourceLabel(0)));
                if (chain.tableLabel().equals("inet_corpus")) {
                    SET_NAMES.forEach(s -> dependsOn.add("nftables_set." + s));
                }
            }
            List<CorpusRule> rules = chain.rules();
            for (int part = 0; part * RULES_PER_CHAIN < rules.size(); part++) {
                List<CorpusRule> slice =
                        rules.subList(part * RULES_PER_CHAIN, Math.min(rules.size(), (part + 1) * RULES_PER_CHAIN));
                hcl.append(chainResource(chain, part, slice, dependsOn));
            }
        }
        return hcl.toString();
    }

    private static String chainResource(CorpusChain chain, int part, List<CorpusRule> rules, List<String> dependsOn) {
        StringBuilder hcl = new StringBuilder();
        hcl.append("resource \"nftables_chain\" \"")
                .append(chain.resourceLabel(part))
                .append("\" {\n")
                .append("  table_id = nftables_table.")
                .append(chain.tableLabel())
                .append(".id\n")
                .append("  name     = \"")
                .append(chain.resourceLabel(part))
                .append("\"\n");
        if (chain.isBase()) {
            hcl.append("  type     = \"")
                    .append(chain.type())
                    .append("\"\n")
                    .append("  hook     = \"")
                    .append(chain.hook())
                    .append("\"\n")
                    .append("  priority = \"")
                    .append(chain.priority())
                    .append("\"\n");
            if (chain.policy() != null) {
                hcl.append("  policy   = \"").append(chain.policy()).append("\"\n");
            }
            if (chain.device() != null) {
                hcl.append("  devices  = [\"").append(chain.device()).append("\"]\n");
            }
        }
        if (!dependsOn.isEmpty()) {
            hcl.append("  depends_on = [").append(String.join(", ", dependsOn)).append("]\n");
        }
        for (CorpusRule rule : rules) {
            hcl.append("  rule {\n    expr = \"").append(hclString(rule.expr())).append("\"\n");
            if (rule.comment() != null) {
                hcl.append("    comment = \"").append(hclString(rule.comment())).append("\"\n");
            }
            hcl.append("  }\n");
        }
        return hcl.append("}\n").toString();
    }

    /** A string literal's content: quotes escaped, and template sequences kept literal. */
    static String hclString(String text) {
        return text.replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("${", "$${")
                .replace("%{", "%%{");
    }

    static List<CorpusChain> load() {
        String text;
        try (InputStream in = RuleCorpusIT.class.getResourceAsStream(CORPUS)) {
            assertThat(in).as(CORPUS + " on the test class path").isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CorpusChain> chains = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                chains.add(new CorpusChain(
                        header.group(1),
                        header.group(2),
                        header.group(3),
                        header.group(4),
                        header.group(5),
                        header.group(6),
                        header.group(7),
                        header.group(8),
                        new ArrayList<>()));
                continue;
            }
            assertThat(chains).as("a chain header before the rule " + line).isNotEmpty();
            int comment = line.indexOf(" // ");
            chains.get(chains.size() - 1)
                    .rules()
                    .add(
                            comment < 0
                                    ? new CorpusRule(line, null)
                                    : new CorpusRule(line.substring(0, comment), line.substring(comment + 4)));
        }
        return chains;
    }

    /** A header of the corpus: where the rules below it go. {@code type} is null for a regular chain. */
    record CorpusChain(
            String family,
            String table,
            String name,
            String type,
            String hook,
            String priority,
            String policy,
            String device,
            List<CorpusRule> rules) {
        boolean isBase() {
            return type != null;
        }

        String tableLabel() {
            return family + "_" + table;
        }

        /** The first part keeps the corpus name (jump targets are named by it); later parts are NAME_2, NAME_3, ... */
        String resourceLabel(int part) {
            return part == 0 ? name : name + "_" + (part + 1);
        }
    }

    record CorpusRule(String expr, String comment) {}
}
