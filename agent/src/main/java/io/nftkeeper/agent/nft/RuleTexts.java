package io.nftkeeper.agent.nft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each rule's text as this host's nft prints it, which its JSON cannot give back. Read from the text listing with
 * handles ({@code nft -a -s -t list table|chain ...}), where every rule is one line inside its chain ending in
 * {@code # handle N}, and matched to the JSON listing's rules by handle.
 */
public final class RuleTexts {

    /** Field of a baseline file that holds its rules' texts, next to the canonical listing's {@code nftables}. */
    public static final String BASELINE_FIELD = "ruleText";

    private static final Pattern RULE = Pattern.compile("^\\t\\t(.*\\S) # handle (\\d+)$");

    /** One rule: its text and handle. */
    public record RuleText(String text, long handle) {}

    private RuleTexts() {}

    /** Rule text by handle in listing order, from a text listing printed with handles. */
    public static Map<Long, String> parse(String listingWithHandles) {
        Map<Long, String> texts = new LinkedHashMap<>();
        for (String line : listingWithHandles.split("\n")) {
            Matcher rule = RULE.matcher(line);
            if (rule.matches()) {
                texts.put(Long.parseLong(rule.group(2)), rule.group(1));
            }
        }
        return texts;
    }

    /** The rules of a JSON listing (with handles), chain by chain in listing order, with their texts. */
    public static Map<String, List<RuleText>> byChain(JsonNode listing, Map<Long, String> texts) {
        Map<String, List<RuleText>> chains = new LinkedHashMap<>();
        for (JsonNode item : listing.path("nftables")) {
            JsonNode rule = item.path("rule");
            if (rule.isObject()) {
                long handle = rule.path("handle").asLong(-1);
                chains.computeIfAbsent(rule.path("chain").asText(), c -> new ArrayList<>())
                        .add(new RuleText(texts.get(handle), handle));
            }
        }
        return chains;
    }

    /** The {@link #BASELINE_FIELD} of a baseline: chain → texts in order. */
    public static JsonNode toBaseline(Map<String, List<RuleText>> rules) {
        ObjectNode field = JsonNodeFactory.instance.objectNode();
        rules.forEach(
                (chain, list) -> list.forEach(rule -> field.withArray(chain).add(rule.text())));
        return field;
    }

    /** What {@link #toBaseline} wrote; empty for a baseline recorded before rule texts were kept. */
    public static Map<String, List<RuleText>> fromBaseline(JsonNode baseline) {
        Map<String, List<RuleText>> rules = new LinkedHashMap<>();
        baseline.path(BASELINE_FIELD).properties().forEach(chain -> {
            List<RuleText> list = new ArrayList<>();
            chain.getValue().forEach(text -> list.add(new RuleText(text.isNull() ? null : text.asText(), -1)));
            rules.put(chain.getKey(), list);
        });
        return rules;
    }
}
