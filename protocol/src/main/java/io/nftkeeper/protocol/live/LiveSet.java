package io.nftkeeper.protocol.live;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A named set as the host lists it: absent properties are null ({@code autoMerge} false), elements as nft prints
 * them (prefixes merged, {@code expires} left out) in listed order, and what nft's JSON drops ({@code dynamic},
 * {@code auto-merge}, {@code typeof}).
 */
public record LiveSet(
        String name,
        String type,
        String typeof,
        Set<String> flags,
        String timeout,
        Long size,
        String policy,
        boolean autoMerge,
        List<String> elements)
        implements LiveSetLike {

    public LiveSet {
        flags = flags == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(flags));
        elements = elements == null ? List.of() : List.copyOf(elements);
    }
}
