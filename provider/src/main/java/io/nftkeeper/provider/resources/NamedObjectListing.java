package io.nftkeeper.provider.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.protocol.Limit;
import io.nftkeeper.protocol.LimitUnit;
import io.nftkeeper.protocol.NamedObject;
import io.nftkeeper.protocol.Quota;
import io.nftkeeper.protocol.RatePeriod;
import io.nftkeeper.protocol.TableRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named counters, quotas, limits and {@link NamedObject}s (flowtables, ct helpers, ...) of one table and the
 * rules that use them by name, read from the agent's stateless JSON listing ({@code nft -s -j list table}). In nft 1.0.6 that listing still carries every counter's
 * packets and bytes and every quota's {@code used}, so nothing here ever needs a {@code reset} (which would zero them).
 * Byte quantities come normalised to plain bytes: nft lists {@code 1048576 bytes/second} as
 * {@code "rate": 1, "rate_unit": "mbytes"}.
 */
record NamedObjectListing(Map<String, ListedCounter> counters, Map<String, ListedQuota> quotas,
                          Map<String, Limit> limits, Map<String, Map<String, NamedObject>> named,
                          List<Reference> references) {

    /** nft's JSON key and keyword of each {@link NamedObject} kind. */
    static final List<String> NAMED_KINDS = List.of("flowtable", "ct helper", "ct timeout", "ct expectation",
            "synproxy", "secmark");

    NamedObjectListing {
        counters = Map.copyOf(counters);
        quotas = Map.copyOf(quotas);
        limits = Map.copyOf(limits);
        named = Map.copyOf(named);
        references = List.copyOf(references);
    }

    record ListedCounter(String name, long packets, long bytes) {
    }

    record ListedQuota(Quota quota, long used) {
    }

    /** A rule statement such as {@code limit name "ssh"}: which object kind and name, in which rule. */
    record Reference(String kind, String name, String chain, long handle) {
    }

    Optional<ListedCounter> counter(String name) {
        return Optional.ofNullable(counters.get(name));
    }

    Optional<ListedQuota> quota(String name) {
        return Optional.ofNullable(quotas.get(name));
    }

    Optional<Limit> limit(String name) {
        return Optional.ofNullable(limits.get(name));
    }

    /** The {@code kind} (one of {@link #NAMED_KINDS}) named {@code name}, as listed. */
    Optional<NamedObject> named(String kind, String name) {
        return Optional.ofNullable(named.getOrDefault(kind, Map.of()).get(name));
    }

    /** Whether the table has a {@code kind} ("counter", "quota", "limit", "ct helper", ...) named {@code name}. */
    boolean contains(String kind, String name) {
        return switch (kind) {
            case "counter" -> counters.containsKey(name);
            case "quota" -> quotas.containsKey(name);
            case "limit" -> limits.containsKey(name);
            default -> {
                if (!NAMED_KINDS.contains(kind)) {
                    throw new IllegalArgumentException("not a named object kind: " + kind);
                }
                yield named(kind, name).isPresent();
            }
        };
    }

    /** The rules of this table that use the {@code kind} ("counter", "ct helper", ...) named {@code name}. */
    List<Reference> referencesTo(String kind, String name) {
        return references.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).toList();
    }

    /** Parses one table's listing ({@code {"nftables": [...]}}). */
    static NamedObjectListing parse(TableRef table, JsonNode ruleset) {
        Map<String, ListedCounter> counters = new LinkedHashMap<>();
        Map<String, ListedQuota> quotas = new LinkedHashMap<>();
        Map<String, Limit> limits = new LinkedHashMap<>();
        Map<String, Map<String, NamedObject>> named = new LinkedHashMap<>();
        List<Reference> references = new ArrayList<>();
        for (JsonNode entry : ruleset.path("nftables")) {
            Optional<String> namedKind = NAMED_KINDS.stream().filter(entry::has).findFirst();
            if (namedKind.isPresent()) {
                NamedObjectJson.parse(table, namedKind.get(), entry.get(namedKind.get())).ifPresent(object ->
                        named.computeIfAbsent(namedKind.get(), k -> new LinkedHashMap<>()).put(object.name(), object));
            } else if (entry.has("counter")) {
                JsonNode c = entry.get("counter");
                counters.put(c.path("name").asText(), new ListedCounter(c.path("name").asText(),
                        c.path("packets").asLong(), c.path("bytes").asLong()));
            } else if (entry.has("quota")) {
                JsonNode q = entry.get("quota");
                String name = q.path("name").asText();
                quotas.put(name, new ListedQuota(new Quota(table, name, q.path("bytes").asLong(),
                        q.path("inv").asBoolean(false)), q.path("used").asLong()));
            } else if (entry.has("limit")) {
                Limit limit = limit(table, entry.get("limit"));
                limits.put(limit.name(), limit);
            } else if (entry.has("rule")) {
                JsonNode rule = entry.get("rule");
                collectReferences(rule.path("expr"), rule.path("chain").asText(), rule.path("handle").asLong(),
                        references);
            }
        }
        return new NamedObjectListing(counters, quotas, limits, named, references);
    }

    private static Limit limit(TableRef table, JsonNode l) {
        String rateUnit = l.path("rate_unit").asText("packets");
        LimitUnit unit = rateUnit.equals("packets") ? LimitUnit.PACKETS : LimitUnit.BYTES;
        long burst = l.path("burst").asLong(0) * ByteUnits.factor(l.path("burst_unit").asText("bytes"));
        String name = l.path("name").asText();
        RatePeriod per = RatePeriod.parse(l.path("per").asText()).orElseThrow(() -> new IllegalArgumentException(
                "limit " + name + " is listed with the unknown period \"" + l.path("per").asText() + "\""));
        return new Limit(table, name, l.path("rate").asLong() * ByteUnits.factor(rateUnit), unit, per,
                burst == 0 ? null : burst, l.path("inv").asBoolean(false));
    }

    /**
     * Statements {@code {"counter": "c"}} name an object; {@code {"counter": {...}}} is an anonymous one. A flowtable
     * is named by {@code {"flow": {"op": "add", "flowtable": "@ft"}}}, synproxies also through an anonymous map
     * ({@code synproxy name tcp dport map { 80 : "www" }}), a secmark as {@code {"secmark": "s"}}.
     */
    private static void collectReferences(JsonNode node, String chain, long handle, List<Reference> out) {
        if (node.isArray()) {
            node.forEach(child -> collectReferences(child, chain, handle, out));
        } else if (node.isObject()) {
            node.properties().forEach(field -> {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if (value.isTextual() && (List.of("counter", "quota", "limit").contains(key)
                        || NAMED_KINDS.contains(key))) {
                    out.add(new Reference(key, value.asText(), chain, handle));
                } else if (key.equals("flow") && value.path("flowtable").isTextual()) {
                    out.add(new Reference("flowtable", value.path("flowtable").asText().replaceFirst("^@", ""),
                            chain, handle));
                } else if (key.equals("synproxy") && value.path("map").path("data").path("set").isArray()) {
                    for (JsonNode pair : value.path("map").path("data").path("set")) {
                        if (pair.isArray() && pair.size() == 2 && pair.get(1).isTextual()) {
                            out.add(new Reference("synproxy", pair.get(1).asText(), chain, handle));
                        }
                    }
                } else {
                    collectReferences(field.getValue(), chain, handle, out);
                }
            });
        }
    }

    /** nft's byte units; {@code packets} counts as a factor of one so packet quantities pass through. */
    static final class ByteUnits {
        static final long KBYTE = 1024;
        static final long MBYTE = 1024 * 1024;

        private ByteUnits() {
        }

        static long factor(String unit) {
            return switch (unit) {
                case "packets", "bytes" -> 1;
                case "kbytes" -> KBYTE;
                case "mbytes" -> MBYTE;
                default -> throw new IllegalArgumentException("unknown nft byte unit \"" + unit + "\"");
            };
        }

        /** {@code bytes} in the largest unit that divides it, as nft lists it: {@code 10240} → {@code 10 kbytes}. */
        static String text(long bytes) {
            if (bytes != 0 && bytes % MBYTE == 0) {
                return bytes / MBYTE + " mbytes";
            }
            if (bytes != 0 && bytes % KBYTE == 0) {
                return bytes / KBYTE + " kbytes";
            }
            return bytes + " bytes";
        }
    }
}
