package io.nftkeeper.provider.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.resources.ChainListing.ListedChain;
import io.nftkeeper.provider.resources.ChainListing.ListedRule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of a table's chains as one agent answer listed them, each with its handle and, in a listing with counter
 * values, its anonymous counter: the text listing's rule lines (the text nft prints) paired in order with the JSON
 * listing's rules of the same chain (which carry the handles and the values). A chain whose two listings differ in
 * length changed between them, and is refused rather than paired wrongly.
 */
public record LiveRules(Map<String, List<LiveRule>> chains) {

    public LiveRules {
        chains = Collections.unmodifiableMap(new LinkedHashMap<>(chains));
    }

    /** One listed rule; {@code packets} and {@code bytes} are null without an anonymous counter or values. */
    public record LiveRule(String chain, ListedRule listed, long handle, Long packets, Long bytes) {
    }

    /** The rules of {@code listing}, a listing of a table that exists. */
    public static LiveRules of(TableListing listing) {
        Map<String, List<JsonNode>> json = new LinkedHashMap<>();
        for (JsonNode item : listing.ruleset().path("nftables")) {
            JsonNode rule = item.path("rule");
            if (rule.isObject()) {
                json.computeIfAbsent(rule.path("chain").asText(), c -> new ArrayList<>()).add(rule);
            }
        }
        Map<String, List<LiveRule>> chains = new LinkedHashMap<>();
        for (ListedChain chain : ChainListing.parse(ListingText.of(listing)).chains().values()) {
            List<JsonNode> objects = json.getOrDefault(chain.name(), List.of());
            if (objects.size() != chain.rules().size()) {
                throw new NftkeeperException("chain " + chain.name() + " of " + listing.table().describe()
                        + " changed while it was listed (" + chain.rules().size() + " rules in the text, "
                        + objects.size() + " in the JSON listing); try again");
            }
            List<LiveRule> rules = new ArrayList<>();
            for (int i = 0; i < objects.size(); i++) {
                JsonNode counter = anonymousCounter(objects.get(i).path("expr"));
                rules.add(new LiveRule(chain.name(), chain.rules().get(i), objects.get(i).path("handle").asLong(),
                        counter == null ? null : counter.path("packets").asLong(),
                        counter == null ? null : counter.path("bytes").asLong()));
            }
            chains.put(chain.name(), rules);
        }
        return new LiveRules(chains);
    }

    public Optional<List<LiveRule>> chain(String name) {
        return Optional.ofNullable(chains.get(name));
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
