package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The planned {@code canonical_elements} of a set or map: an element the plan keeps as it was keeps its known
 * canonical text, only new or changed ones are "known after apply", so a plan shows exactly the elements that change.
 * A kept element whose canonical text was shared with others (nft merged them) or is unknown stays unknown: an
 * update may write it again.
 */
final class CanonicalPlan {

    private CanonicalPlan() {}

    /**
     * @param keys      the planned element keys (set elements, or map keys)
     * @param unchanged whether a key is planned exactly as it was in the prior state
     */
    static Value of(Iterable<String> keys, Value priorCanonical, Predicate<String> unchanged) {
        Map<String, Value> planned = new TreeMap<>();
        Map<String, Value> prior =
                priorCanonical.isWhollyKnown() && !priorCanonical.isNull() ? priorCanonical.asMap() : Map.of();
        for (String key : keys) {
            Value known = prior.get(key);
            boolean keep = known != null
                    && !known.asString().isEmpty()
                    && !known.asString().contains(", ")
                    && unchanged.test(key);
            planned.put(key, keep ? known : Value.unknown(Type.STRING));
        }
        return Value.map(Type.STRING, planned);
    }
}
