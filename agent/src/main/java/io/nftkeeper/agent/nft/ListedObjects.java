package io.nftkeeper.agent.nft;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.protocol.ByteUnits;
import io.nftkeeper.protocol.Limit;
import io.nftkeeper.protocol.LimitUnit;
import io.nftkeeper.protocol.NamedObject;
import io.nftkeeper.protocol.Quota;
import io.nftkeeper.protocol.RatePeriod;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.live.LiveCounter;
import io.nftkeeper.protocol.live.LiveQuota;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.live.ObjectReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The named counters, quotas, limits and {@link NamedObject}s (flowtables, ct helpers, ...) of one table and the
 * rules that use them by name, read from its JSON listing ({@code nft -j list table}). In nft 1.0.6 even the stateless
 * listing carries every named counter's packets and bytes and every quota's {@code used}, so nothing here ever needs
 * a {@code reset} (which would zero them). Byte quantities come normalised to plain bytes: nft lists
 * {@code 1048576 bytes/second} as {@code "rate": 1, "rate_unit": "mbytes"}.
 */
record ListedObjects(
        List<LiveCounter> counters,
        List<LiveQuota> quotas,
        List<Limit> limits,
        List<NamedObject> named,
        List<ObjectReference> references) {

    ListedObjects {
        counters = List.copyOf(counters);
        quotas = List.copyOf(quotas);
        limits = List.copyOf(limits);
        named = List.copyOf(named);
        references = List.copyOf(references);
    }

    /** Parses one table's listing ({@code {"nftables": [...]}}). */
    static ListedObjects parse(TableRef table, JsonNode ruleset) {
        List<LiveCounter> counters = new ArrayList<>();
        List<LiveQuota> quotas = new ArrayList<>();
        List<Limit> limits = new ArrayList<>();
        List<NamedObject> named = new ArrayList<>();
        List<ObjectReference> references = new ArrayList<>();
        for (JsonNode entry : ruleset.path("nftables")) {
            Optional<String> namedKind =
                    LiveTable.NAMED_KINDS.stream().filter(entry::has).findFirst();
            if (namedKind.isPresent()) {
                NamedObjectJson.parse(table, namedKind.get(), entry.get(namedKind.get()))
                        .ifPresent(named::add);
            } else if (entry.has("counter")) {
                JsonNode c = entry.get("counter");
                counters.add(new LiveCounter(
                        c.path("name").asText(),
                        c.path("packets").asLong(),
                        c.path("bytes").asLong()));
            } else if (entry.has("quota")) {
                JsonNode q = entry.get("quota");
                quotas.add(new LiveQuota(
                        new Quota(
                                table,
                                q.path("name").asText(),
                                q.path("bytes").asLong(),
                                q.path("inv").asBoolean(false)),
                        q.path("used").asLong()));
            } else if (entry.has("limit")) {
                limits.add(limit(table, entry.get("limit")));
            } else if (entry.has("rule")) {
                JsonNode rule = entry.get("rule");
                collectReferences(
                        rule.path("expr"),
                        rule.path("chain").asText(),
                        rule.path("handle").asLong(),
                        references);
            }
        }
        return new ListedObjects(counters, quotas, limits, named, references);
    }

    private static Limit limit(TableRef table, JsonNode l) {
        String rateUnit = l.path("rate_unit").asText("packets");
        LimitUnit unit = rateUnit.equals("packets") ? LimitUnit.PACKETS : LimitUnit.BYTES;
        long burst = l.path("burst").asLong(0)
                * ByteUnits.factor(l.path("burst_unit").asText("bytes"));
        String name = l.path("name").asText();
        RatePeriod per = RatePeriod.parse(l.path("per").asText())
                .orElseThrow(
                        () -> new IllegalArgumentException("limit " + name + " is listed with the unknown period \""
                                + l.path("per").asText() + "\""));
        return new Limit(
                table,
                name,
                l.path("rate").asLong() * ByteUnits.factor(rateUnit),
                unit,
                per,
                burst == 0 ? null : burst,
                l.path("inv").asBoolean(false));
    }

    /**
     * Statements {@code {"counter": "c"}} name an object; {@code {"counter": {...}}} is an anonymous one. A flowtable
     * is named by {@code {"flow": {"op": "add", "flowtable": "@ft"}}}, synproxies also through an anonymous map
     * ({@code synproxy name tcp dport map { 80 : "www" }}), a secmark as {@code {"secmark": "s"}}. Any other
     * {@code "@name"} is a named set or map (kind {@code set}): {@code ip saddr @allowed}, {@code vmap @ports},
     * {@code add @seen { ip saddr }}.
     */
    private static void collectReferences(JsonNode node, String chain, long handle, List<ObjectReference> out) {
        if (node.isArray()) {
            node.forEach(child -> collectReferences(child, chain, handle, out));
        } else if (node.isObject()) {
            node.properties().forEach(field -> {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if (value.isTextual()
                        && (List.of("counter", "quota", "limit").contains(key)
                                || LiveTable.NAMED_KINDS.contains(key))) {
                    out.add(new ObjectReference(key, value.asText(), chain, handle));
                } else if (value.isTextual() && value.asText().startsWith("@")) {
                    out.add(new ObjectReference("set", value.asText().substring(1), chain, handle));
                } else if (key.equals("flow") && value.path("flowtable").isTextual()) {
                    out.add(new ObjectReference(
                            "flowtable", value.path("flowtable").asText().replaceFirst("^@", ""), chain, handle));
                } else if (key.equals("synproxy")
                        && value.path("map").path("data").path("set").isArray()) {
                    for (JsonNode pair : value.path("map").path("data").path("set")) {
                        if (pair.isArray() && pair.size() == 2 && pair.get(1).isTextual()) {
                            out.add(new ObjectReference("synproxy", pair.get(1).asText(), chain, handle));
                        }
                    }
                } else {
                    collectReferences(field.getValue(), chain, handle, out);
                }
            });
        }
    }
}
