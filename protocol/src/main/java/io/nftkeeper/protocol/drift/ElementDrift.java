package io.nftkeeper.protocol.drift;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * nftkeeper's one drift engine for the elements of a set or map (map entries are elements too): the recorded
 * elements against the live ones, compared as sets (nft lists elements in its own order, so order is never drift).
 * {@code added} is what only the host lists, {@code removed} what only the record has, each in its side's order.
 * Used by the provider's refresh of sets and maps and by the agent's drift report.
 */
public record ElementDrift<E>(Set<E> added, Set<E> removed) {

    public ElementDrift {
        added = Collections.unmodifiableSet(new LinkedHashSet<>(added));
        removed = Collections.unmodifiableSet(new LinkedHashSet<>(removed));
    }

    public static <E> ElementDrift<E> between(Collection<E> recorded, Collection<E> live) {
        Set<E> before = new LinkedHashSet<>(recorded);
        Set<E> now = new LinkedHashSet<>(live);
        return new ElementDrift<>(onlyIn(now, before), onlyIn(before, now));
    }

    private static <E> Set<E> onlyIn(Set<E> these, Set<E> others) {
        Set<E> only = new LinkedHashSet<>();
        for (E element : these) {
            if (!others.contains(element)) {
                only.add(element);
            }
        }
        return only;
    }

    public boolean clean() {
        return added.isEmpty() && removed.isEmpty();
    }
}
