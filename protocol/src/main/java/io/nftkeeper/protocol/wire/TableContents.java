package io.nftkeeper.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The names of a table's named objects, by kind, in the order the host lists them, read from its JSON listing
 * ({@code {"nftables": [{"chain": {...}}, ...]}}). Anonymous sets ({@code __set0}) are parts of rules, not objects,
 * and are left out.
 */
public record TableContents(List<String> chains, List<String> sets, List<String> maps, List<String> counters,
                            List<String> quotas, List<String> limits, List<String> flowtables,
                            List<String> ctHelpers, List<String> ctTimeouts, List<String> ctExpectations,
                            List<String> synproxies, List<String> secmarks) {

    public TableContents {
        chains = List.copyOf(chains);
        sets = List.copyOf(sets);
        maps = List.copyOf(maps);
        counters = List.copyOf(counters);
        quotas = List.copyOf(quotas);
        limits = List.copyOf(limits);
        flowtables = List.copyOf(flowtables);
        ctHelpers = List.copyOf(ctHelpers);
        ctTimeouts = List.copyOf(ctTimeouts);
        ctExpectations = List.copyOf(ctExpectations);
        synproxies = List.copyOf(synproxies);
        secmarks = List.copyOf(secmarks);
    }

    /** A table without flowtables, ct objects, synproxies and secmarks. */
    public TableContents(List<String> chains, List<String> sets, List<String> maps, List<String> counters,
                         List<String> quotas, List<String> limits) {
        this(chains, sets, maps, counters, quotas, limits, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of());
    }

    public static TableContents of(JsonNode ruleset) {
        Map<String, List<String>> byKind = new TreeMap<>();
        for (String kind : List.of("chain", "set", "map", "counter", "quota", "limit", "flowtable", "ct helper",
                "ct timeout", "ct expectation", "synproxy", "secmark")) {
            byKind.put(kind, new ArrayList<>());
        }
        for (JsonNode item : ruleset.path("nftables")) {
            item.properties().forEach(field -> {
                List<String> names = byKind.get(field.getKey());
                String name = field.getValue().path("name").asText("");
                if (names != null && !name.isEmpty() && !name.startsWith("__")) {
                    names.add(name);
                }
            });
        }
        return new TableContents(byKind.get("chain"), byKind.get("set"), byKind.get("map"), byKind.get("counter"),
                byKind.get("quota"), byKind.get("limit"), byKind.get("flowtable"), byKind.get("ct helper"),
                byKind.get("ct timeout"), byKind.get("ct expectation"), byKind.get("synproxy"), byKind.get("secmark"));
    }
}
