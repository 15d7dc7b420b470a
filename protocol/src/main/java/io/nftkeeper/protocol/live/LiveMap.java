package io.nftkeeper.protocol.live;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named map as the host lists it: the key is exactly one of {@code type} and {@code typeof}, {@code value} its
 * value type; {@code elements} each entry as nft prints it ({@code 10.0.0.1 comment "x" : drop}) and
 * {@code entries} the same entries as key → value. Absent properties are null.
 */
public record LiveMap(
        String name,
        String type,
        String typeof,
        String value,
        Set<String> flags,
        String timeout,
        Long size,
        String policy,
        List<String> elements,
        Map<String, String> entries)
        implements LiveSetLike {

    public LiveMap {
        flags = flags == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(flags));
        elements = elements == null ? List.of() : List.copyOf(elements);
        entries = entries == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
}
