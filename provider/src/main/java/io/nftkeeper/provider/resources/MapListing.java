package io.nftkeeper.provider.resources;

import io.nftkeeper.protocol.NftMap;
import io.nftkeeper.provider.resources.SetListing.ListedSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A named map as the host's stateless text listing shows it: nft prints maps like sets, with the key and value
 * types in one clause ({@code type ipv4_addr : verdict}, {@code typeof ip saddr : meta mark}) and each entry as
 * {@code key : value} ({@code 10.0.0.1 comment "x" : drop}). Absent properties are null; the key is exactly one of
 * {@code type} and {@code typeof}.
 */
record MapListing(String name, String type, String typeof, String value, Set<String> flags, String timeout,
                  Long size, String policy, List<String> elements) {

    /** The map {@code name} of one table's listing, if the table has it. */
    static Optional<MapListing> parse(String tableText, String name) {
        return SetListing.parse(tableText).map(name).map(MapListing::of);
    }

    private static MapListing of(ListedSet map) {
        String clause = map.typeof() != null ? map.typeof() : map.type();
        int colon = clause == null ? -1 : NftMap.keyValueSeparator(clause);
        if (colon < 0) {
            throw new IllegalArgumentException("map " + map.name() + " lists no `key : value` type: " + clause);
        }
        String key = clause.substring(0, colon).strip();
        String value = clause.substring(colon + 3).strip();
        return new MapListing(map.name(), map.typeof() == null ? key : null, map.typeof() != null ? key : null,
                value, map.flags(), map.timeout(), map.size(), map.policy(), map.elements());
    }

    /** The entries as {@code key → value}, both as the host prints them. */
    Map<String, String> entries() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String element : elements) {
            int colon = NftMap.keyValueSeparator(element);
            if (colon > 0) {
                entries.put(element.substring(0, colon), element.substring(colon + 3));
            }
        }
        return entries;
    }
}
