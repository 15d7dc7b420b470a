package io.nftkeeper.agent.nft;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.agent.nft.ListedChains.TextChain;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.live.LiveChain;
import io.nftkeeper.protocol.live.LiveRule;
import io.nftkeeper.protocol.live.LiveTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One table's typed listing, from the two listings the agent makes of it: the stateless text ({@code nft -s list
 * table}), the only form that says how this host's nft prints rules, elements and the properties JSON drops; and the
 * JSON ({@link Nftables#listTableAndText}, rebuilt without table flags for a flagged table), which carries handles,
 * counter values and named objects' values. A chain's rule lines are paired in order with the JSON's rules of the
 * same chain; a chain whose two listings differ in length changed between them, and is refused rather than paired
 * wrongly.
 */
public final class LiveTables {

    private static final Pattern RULE_COMMENT = Pattern.compile("^(.*) comment \"([^\"]*)\"$");

    private LiveTables() {}

    /** The two listings of a table disagree: it changed between them. */
    public static final class ListedWhileChanging extends NftkeeperException {
        private static final long serialVersionUID = 1L;

        ListedWhileChanging(String message) {
            super(message);
        }
    }

    public static LiveTable of(TableRef table, String text, JsonNode json) {
        TableHeader header = TableHeader.parse(text);
        ListedSets sets = ListedSets.parse(text);
        ListedObjects objects = ListedObjects.parse(table, json);
        return new LiveTable(
                table.family(),
                table.name(),
                header.flags(),
                header.comment(),
                chains(table, text, json),
                sets.sets(),
                sets.maps(),
                objects.counters(),
                objects.quotas(),
                objects.limits(),
                objects.named(),
                objects.references());
    }

    private static List<LiveChain> chains(TableRef table, String text, JsonNode json) {
        Map<String, List<JsonNode>> jsonRules = new LinkedHashMap<>();
        for (JsonNode item : json.path("nftables")) {
            JsonNode rule = item.path("rule");
            if (rule.isObject()) {
                jsonRules
                        .computeIfAbsent(rule.path("chain").asText(), c -> new ArrayList<>())
                        .add(rule);
            }
        }
        List<LiveChain> chains = new ArrayList<>();
        for (TextChain chain : ListedChains.parse(text).values()) {
            List<JsonNode> objects = jsonRules.getOrDefault(chain.name(), List.of());
            if (objects.size() != chain.rules().size()) {
                throw new ListedWhileChanging("chain " + chain.name() + " of " + table.describe()
                        + " changed while it was listed (" + chain.rules().size() + " rules in the text, "
                        + objects.size() + " in the JSON listing); try again");
            }
            List<LiveRule> rules = new ArrayList<>();
            for (int i = 0; i < objects.size(); i++) {
                rules.add(rule(chain.rules().get(i), objects.get(i)));
            }
            chains.add(new LiveChain(chain.name(), chain.base(), rules));
        }
        return chains;
    }

    private static LiveRule rule(String line, JsonNode json) {
        JsonNode counter = anonymousCounter(json.path("expr"));
        Matcher m = RULE_COMMENT.matcher(line);
        return new LiveRule(
                line,
                m.matches() ? m.group(1) : line,
                m.matches() ? m.group(2) : null,
                json.path("handle").asLong(),
                counter == null ? null : counter.path("packets").asLong(),
                counter == null ? null : counter.path("bytes").asLong());
    }

    /** {@code {"counter": {"packets": 3, "bytes": 252}}}; a named counter's reference is a string, not values. */
    private static JsonNode anonymousCounter(JsonNode statements) {
        for (JsonNode statement : statements) {
            JsonNode counter = statement.path("counter");
            if (counter.isObject() && counter.has("packets")) {
                return counter;
            }
        }
        return null;
    }
}
