package io.nftkeeper.protocol.wire;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names of a table's objects, by kind, in the order the host lists them: a view of its
 * {@link io.nftkeeper.protocol.live.LiveTable#contents() typed listing}. Anonymous sets ({@code __set0}) are parts of
 * rules, not objects, and are not in it.
 */
public record TableContents(
        List<String> chains,
        List<String> sets,
        List<String> maps,
        List<String> counters,
        List<String> quotas,
        List<String> limits,
        List<String> flowtables,
        List<String> ctHelpers,
        List<String> ctTimeouts,
        List<String> ctExpectations,
        List<String> synproxies,
        List<String> secmarks) {

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
    public TableContents(
            List<String> chains,
            List<String> sets,
            List<String> maps,
            List<String> counters,
            List<String> quotas,
            List<String> limits) {
        this(
                chains, sets, maps, counters, quotas, limits, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of());
    }

    /** The names by nft's keyword for their kind ({@code chain}, {@code set}, ..., {@code ct helper}, ...). */
    public Map<String, List<String>> byKind() {
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        kinds.put("chain", chains);
        kinds.put("set", sets);
        kinds.put("map", maps);
        kinds.put("counter", counters);
        kinds.put("quota", quotas);
        kinds.put("limit", limits);
        kinds.put("flowtable", flowtables);
        kinds.put("ct helper", ctHelpers);
        kinds.put("ct timeout", ctTimeouts);
        kinds.put("ct expectation", ctExpectations);
        kinds.put("synproxy", synproxies);
        kinds.put("secmark", secmarks);
        return kinds;
    }
}
