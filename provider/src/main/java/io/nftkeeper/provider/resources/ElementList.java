package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code elements} attribute of sets and contributed elements: a list of strings that means a set. Terraform
 * checks an applied set attribute against its plan pairwise (quadratic: minutes for 10k elements) but a list element
 * by element, so the type is a list; order never reaches the host, duplicates are a configuration error, and a
 * configuration that lists the stored elements in another order keeps the stored list (Terraform accepts the prior
 * value in place of an equivalent configured one), so a reorder plans no change.
 */
final class ElementList {

    /** What users read about the attribute's type, in both resources' descriptions. */
    static final String SEMANTICS = "The list means a set: order never reaches the host, and listing the same "
            + "elements in another order plans no change (the state keeps the order they were applied in; `toset(...)` "
            + "and `sort(...)` results are stable). Each element may appear once: an exact repeat is a validation "
            + "error. (A list, not a set, because Terraform checks a set attribute pairwise, which takes minutes for ten "
            + "thousand elements, and a list element by element.)";

    private static final int DUPLICATES_NAMED = 5;

    private ElementList() {}

    /** {@code list(string)} named {@code name}, with the duplicate check and order-blind equality. */
    static Attribute attribute(String name) {
        return Attribute.list(name, Type.STRING)
                .validators(ElementList::rejectNullsAndRepeats)
                .semanticEquality(ElementList::sameElements);
    }

    /**
     * Null elements (an element cannot be nothing) and exact-text duplicates: one error on the attribute naming
     * them (the first few of many). Respellings of one element (`10.0.0.1/32`, `10.0.0.1`) are the host's to judge.
     */
    static void rejectNullsAndRepeats(Path path, Value list, Diagnostics diagnostics) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new LinkedHashSet<>();
        List<Value> elements = list.asList();
        for (int i = 0; i < elements.size(); i++) {
            Value element = elements.get(i);
            if (element.isNull()) {
                diagnostics.addAttributeError(path.atIndex(i), "Null element", "An element cannot be null.");
            } else if (element.isKnown() && !seen.add(element.asString())) {
                duplicated.add(element.asString());
            }
        }
        if (duplicated.isEmpty()) {
            return;
        }
        String named = duplicated.stream()
                .limit(DUPLICATES_NAMED)
                .map(e -> "\"" + e + "\"")
                .collect(Collectors.joining(", "));
        String more =
                duplicated.size() > DUPLICATES_NAMED ? " and " + (duplicated.size() - DUPLICATES_NAMED) + " more" : "";
        diagnostics.addAttributeError(
                path,
                "Duplicate elements",
                (duplicated.size() == 1 ? "The element " + named + " is" : "The elements " + named + more + " are")
                        + " listed more than once. Elements form a set: list each once (`distinct(...)` or "
                        + "`toset(...)` removes repeats).");
    }

    /** The same elements in any order (the duplicate check keeps each list free of repeats). */
    static boolean sameElements(Value earlier, Value later) {
        List<Value> a = earlier.asList();
        List<Value> b = later.asList();
        return a.size() == b.size() && new HashSet<>(a).equals(new HashSet<>(b));
    }

    /** The elements of a wholly known list value, in order; none for null. */
    static List<String> strings(Value list) {
        return list.isNull()
                ? List.of()
                : list.asList().stream().map(Value::asString).toList();
    }
}
