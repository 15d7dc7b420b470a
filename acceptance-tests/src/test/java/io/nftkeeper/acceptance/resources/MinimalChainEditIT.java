package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain change is a minimal edit by handle: rules that stay keep their handles and their anonymous counters
 * (counting real packets sent from this machine to the sandbox), and the plan data of an inserted rule holds one new
 * rule, the others unchanged.
 */
class MinimalChainEditIT {
    private static final String PINGED = "icmp type echo-request counter";
    private static final Pattern HANDLE = Pattern.compile("^(.*) # handle (\\d+)$");
    private static final Pattern VALUES = Pattern.compile(" packets (\\d+) bytes \\d+");

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("edit-chain");
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void rulesThatStayKeepTheirHandlesAndCountersWhenOthersAreEditedInsertedOrRemoved() throws Exception {
        Terraform tf = Terraform.in(workDir).config(config("tcp dport 22 accept", "tcp dport 80 accept", PINGED));
        tf.init();
        tf.apply();
        host.ping(3);
        Map<String, Long> handles = handles();
        assertThat(packets()).isEqualTo(3);

        // rule 1 edited: rules 2 and 3 stay as they are
        tf.config(config("tcp dport 23 accept", "tcp dport 80 accept", PINGED));
        tf.apply();
        assertThat(packets()).as("rule 3's counter after rule 1 was edited").isEqualTo(3);
        assertThat(handles())
                .containsEntry("tcp dport 80 accept", handles.get("tcp dport 80 accept"))
                .containsEntry(PINGED, handles.get(PINGED))
                .doesNotContainKey("tcp dport 22 accept");
        tf.plan().assertExit(0);

        // a rule inserted at the top: the plan holds one new rule, the others exactly as they were
        String dropped = "ip saddr 10.213.255.254 drop";
        tf.config(config(dropped, "tcp dport 23 accept", "tcp dport 80 accept", PINGED));
        tf.run("plan", "-input=false", "-out=insert.plan").assertExit(0);
        JsonNode change = chainChange(tf, "insert.plan");
        List<JsonNode> before = list(change.at("/before/rule"));
        List<JsonNode> after = list(change.at("/after/rule"));
        assertThat(after).hasSize(4);
        assertThat(after.get(0).path("expr").asText()).isEqualTo(dropped);
        assertThat(after.subList(1, 4))
                .as("the rules after the inserted one, unchanged")
                .isEqualTo(before);
        List<JsonNode> unknown = list(change.at("/after_unknown/rule"));
        assertThat(unknown.get(0).path("canonical").asBoolean()).isTrue();
        assertThat(unknown.subList(1, 4)).allMatch(JsonNode::isEmpty);
        Map<String, Long> beforeInsert = handles();
        tf.run("apply", "-input=false", "insert.plan").assertExit(0);
        assertThat(packets())
                .as("rule 3's counter after a rule was inserted at the top")
                .isEqualTo(3);
        Map<String, Long> afterInsert = handles();
        beforeInsert.forEach((rule, handle) -> assertThat(afterInsert).containsEntry(rule, handle));
        assertThat(rulesInOrder()).containsExactly(dropped, "tcp dport 23 accept", "tcp dport 80 accept", PINGED);
        host.ping(2);
        assertThat(packets()).isEqualTo(5);
        tf.plan().assertExit(0);

        // a rule removed in the middle
        tf.config(config(dropped, "tcp dport 80 accept", PINGED));
        tf.apply();
        assertThat(packets()).as("rule 3's counter after a rule was removed").isEqualTo(5);
        assertThat(handles())
                .containsEntry(PINGED, handles.get(PINGED))
                .containsEntry(dropped, afterInsert.get(dropped));
        tf.plan().assertExit(0);

        // a rule added by hand: refresh shows it, and the edit by handle deletes it
        host.nft("insert rule inet edit input tcp dport 9 drop");
        tf.config(config(dropped, "tcp dport 81 accept", PINGED));
        tf.apply();
        assertThat(rulesInOrder()).containsExactly(dropped, "tcp dport 81 accept", PINGED);
        assertThat(packets()).isEqualTo(5);
        tf.plan().assertExit(0);

        // the chain changes between plan and apply: the plan's view is not trusted, all rules are written again
        tf.config(config(dropped, "tcp dport 82 accept", PINGED));
        tf.run("plan", "-input=false", "-out=moved.plan").assertExit(0);
        host.nft("add rule inet edit input tcp dport 10 drop");
        tf.run("apply", "-input=false", "moved.plan").assertExit(0);
        assertThat(rulesInOrder()).containsExactly(dropped, "tcp dport 82 accept", PINGED);
        tf.plan().assertExit(0);

        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("edit");
    }

    private static JsonNode chainChange(Terraform tf, String plan) throws Exception {
        JsonNode json = new ObjectMapper()
                .readTree(tf.run("show", "-json", plan).assertExit(0).stdout());
        for (JsonNode change : json.path("resource_changes")) {
            if (change.path("address").asText().equals("nftables_chain.c")) {
                assertThat(change.at("/change/actions/0").asText()).isEqualTo("update");
                return change.path("change");
            }
        }
        throw new AssertionError("no change of nftables_chain.c in the plan");
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** Packets counted by the rule {@value PINGED}. */
    private static long packets() {
        for (String line : chainLines()) {
            Matcher m = HANDLE.matcher(line);
            Matcher values = VALUES.matcher(line);
            if (m.matches() && VALUES.matcher(m.group(1)).replaceAll("").equals(PINGED) && values.find()) {
                return Long.parseLong(values.group(1));
            }
        }
        throw new AssertionError("no rule " + PINGED + " on the host");
    }

    /** Each rule's stateless text and its handle. */
    private static Map<String, Long> handles() {
        Map<String, Long> handles = new LinkedHashMap<>();
        for (String line : chainLines()) {
            Matcher m = HANDLE.matcher(line);
            if (m.matches()) {
                handles.put(VALUES.matcher(m.group(1)).replaceAll(""), Long.parseLong(m.group(2)));
            }
        }
        return handles;
    }

    private static List<String> rulesInOrder() {
        return List.copyOf(handles().keySet());
    }

    private static List<String> chainLines() {
        return host.exec("nft", "-a", "list", "chain", "inet", "edit", "input")
                .lines()
                .map(String::strip)
                .filter(line -> line.contains("# handle") && !line.startsWith("chain ") && !line.startsWith("table "))
                .collect(Collectors.toList());
    }

    private static String config(String... rules) {
        String ruleBlocks =
                List.of(rules).stream().map(rule -> """
                  rule {
                    expr = "%s"
                  }
                """.formatted(rule)).collect(Collectors.joining());
        return Hcl.provider(host) + Hcl.table("t", "inet", "edit") + """
                resource "nftables_chain" "c" {
                  table_id = nftables_table.t.id
                  name     = "input"
                  type     = "filter"
                  hook     = "input"
                  priority = "0"
                %s}
                """.formatted(ruleBlocks);
    }
}
