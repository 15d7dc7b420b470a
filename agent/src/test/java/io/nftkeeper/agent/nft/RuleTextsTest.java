package io.nftkeeper.agent.nft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.agent.nft.RuleTexts.RuleText;
import io.nftkeeper.protocol.wire.JsonLines;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleTextsTest {

    /** {@code nft -a -s -t list table inet web} of nft 1.0.6. */
    private static final String LISTING = """
            table inet web { # handle 7
            \tset allowed { # handle 3
            \t\ttype ipv4_addr
            \t\tflags interval
            \t}

            \tchain input { # handle 1
            \t\ttype filter hook input priority filter; policy accept;
            \t\tip saddr @allowed accept comment "admins" # handle 4
            \t\ttcp dport { 22, 80 } accept # handle 9
            \t}

            \tchain extra { # handle 2
            \t\tcounter drop # handle 5
            \t}
            }
            """;

    @Test
    void eachRuleLineIsReadByItsHandleInListingOrder() {
        Map<Long, String> texts = RuleTexts.parse(LISTING);

        assertThat(texts)
                .containsExactly(
                        Map.entry(4L, "ip saddr @allowed accept comment \"admins\""),
                        Map.entry(9L, "tcp dport { 22, 80 } accept"),
                        Map.entry(5L, "counter drop"));
    }

    @Test
    void theJsonListingsRulesGetTheirTextsChainByChainAndSurviveABaseline() throws Exception {
        JsonNode json = JsonLines.mapper().readTree("""
                {"nftables": [{"metainfo": {}}, {"table": {"family": "inet", "name": "web", "handle": 7}},
                 {"rule": {"family": "inet", "table": "web", "chain": "input", "handle": 4, "expr": []}},
                 {"rule": {"family": "inet", "table": "web", "chain": "input", "handle": 9, "expr": []}},
                 {"rule": {"family": "inet", "table": "web", "chain": "extra", "handle": 5, "expr": []}}]}
                """);

        Map<String, List<RuleText>> rules = RuleTexts.byChain(json, RuleTexts.parse(LISTING));

        assertThat(rules.get("input"))
                .containsExactly(
                        new RuleText("ip saddr @allowed accept comment \"admins\"", 4),
                        new RuleText("tcp dport { 22, 80 } accept", 9));
        JsonNode baseline =
                JsonLines.mapper().createObjectNode().set(RuleTexts.BASELINE_FIELD, RuleTexts.toBaseline(rules));
        assertThat(RuleTexts.fromBaseline(baseline).get("extra")).containsExactly(new RuleText("counter drop", -1));
    }
}
