package io.nftkeeper.agent.nft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table's JSON listing without what changes on its own and is never drift: handles, counter values, quota
 * usage, element expiry, and the library's metainfo. The result is stable across re-listings of an unchanged
 * table, whether the listing was stateless or not.
 */
public final class CanonicalListing {

    private static final Set<String> ALWAYS_DROPPED = Set.of("handle", "expires");
    /** Per statement or object type, the fields that only count usage. */
    private static final Map<String, List<String>> USAGE = Map.of(
            "counter", List.of("packets", "bytes"),
            "quota", List.of("used", "used_unit"));

    private CanonicalListing() {}

    /** {@code {"nftables": [...]}} in, the same shape out; the input is not modified. */
    public static JsonNode of(JsonNode listing) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : listing.path("nftables")) {
            if (!item.has("metainfo")) {
                items.add(strip(item));
            }
        }
        ObjectNode canonical = JsonNodeFactory.instance.objectNode();
        canonical.set("nftables", items);
        return canonical;
    }

    private static JsonNode strip(JsonNode node) {
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(strip(element)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        node.properties().forEach(field -> {
            if (!ALWAYS_DROPPED.contains(field.getKey())) {
                copy.set(field.getKey(), withoutUsage(field.getKey(), strip(field.getValue())));
            }
        });
        return copy;
    }

    // A stateless listing prints an anonymous counter as {"counter": null}, a stateful one with its values:
    // both must come out the same.
    private static JsonNode withoutUsage(String type, JsonNode value) {
        List<String> usage = USAGE.get(type);
        if (usage == null || !value.isObject()) {
            return value;
        }
        ObjectNode copy = ((ObjectNode) value).deepCopy();
        copy.remove(usage);
        return copy.isEmpty() ? JsonNodeFactory.instance.nullNode() : copy;
    }
}
