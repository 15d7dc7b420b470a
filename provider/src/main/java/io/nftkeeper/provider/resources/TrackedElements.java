package io.nftkeeper.provider.resources;

import io.nftkeeper.protocol.Element;
import io.nftkeeper.protocol.ElementLists;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.drift.ElementDrift;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Elements of a set or map (map entries are {@code key : value} elements) as the user wrote them, in the user's order,
 * each with the canonical text(s) the host listed for it right after apply, joined by {@code , } when nft merged or
 * split it. This is the bookkeeping nftables_set, nftables_map and nftables_set_elements share: which elements an
 * update deletes and adds (one batch, never flush and refill), which listing each element became, and what a live
 * listing means for the state (the user's text while all its canonical texts are listed, the host's text for what
 * changed). The order is the configuration's and never reaches the host; every lookup goes through hash sets, so
 * all of this is linear in the number of elements.
 */
record TrackedElements(List<String> elements, Map<String, String> canonical) {

    TrackedElements {
        elements = List.copyOf(elements);
        canonical = Map.copyOf(canonical);
    }

    static TrackedElements of(Collection<String> elements, Map<String, String> canonical) {
        return new TrackedElements(
                elements == null ? List.of() : List.copyOf(elements), canonical == null ? Map.of() : canonical);
    }

    /** The canonical texts of {@code element} as listed after apply; none if unknown. */
    List<String> canonicalOf(String element) {
        String text = canonical.get(element);
        return text == null ? List.of() : ElementLists.split(text);
    }

    /** Every canonical text of every tracked element. */
    Set<String> allCanonical() {
        Set<String> forms = new LinkedHashSet<>();
        elements.forEach(e -> forms.addAll(canonicalOf(e)));
        return forms;
    }

    /**
     * The tracked elements as the live listing has them, or empty when nothing changed: an element whose canonical
     * texts are all still listed keeps the user's text and place; the listed forms of a partly gone element take its
     * place in the host's text; unless {@code ignoreUnknown} (elements the datapath or other owners write), listed
     * elements nobody tracks are appended in the host's text, sorted. Elements gone from the host are dropped.
     */
    Optional<TrackedElements> reconcile(Collection<String> liveElements, boolean ignoreUnknown) {
        Set<String> listed = new HashSet<>(liveElements);
        ElementDrift<String> drift = ElementDrift.between(allCanonical(), listed);
        Set<String> added = ignoreUnknown ? Set.of() : new TreeSet<>(drift.added());
        if (added.isEmpty() && drift.removed().isEmpty()) {
            return Optional.empty();
        }
        Set<String> whole = new HashSet<>();
        Set<String> claimed = new HashSet<>();
        for (String element : elements) {
            List<String> forms = canonicalOf(element);
            if (listed.containsAll(forms)) {
                whole.add(element);
                claimed.addAll(forms);
            }
        }
        Set<String> kept = new LinkedHashSet<>();
        Map<String, String> texts = new TreeMap<>();
        for (String element : elements) {
            if (whole.contains(element)) {
                if (kept.add(element)) {
                    texts.put(element, String.join(", ", canonicalOf(element)));
                }
                continue;
            }
            for (String form : canonicalOf(element)) {
                if (listed.contains(form) && claimed.add(form) && kept.add(form)) {
                    texts.put(form, form);
                }
            }
        }
        for (String form : added) {
            if (claimed.add(form) && kept.add(form)) {
                texts.put(form, form);
            }
        }
        return Optional.of(new TrackedElements(List.copyOf(kept), texts));
    }

    /**
     * The canonical texts of {@code planned} right after apply. Elements kept from before keep theirs; an element
     * listed exactly as written is its own canonical text; the elements written in another spelling share what is
     * left of the listing (nft may have merged them), so dropping any of them is still exact. {@code foreign} are
     * listed forms known to belong to someone else (other contributors, elements listed before apply): they are
     * never claimed, so deleting a respelled element later never deletes theirs.
     */
    static TrackedElements afterApply(
            Collection<String> planned, Map<String, String> kept, Collection<String> listed, Set<String> foreign) {
        Map<String, String> texts = new TreeMap<>();
        Set<String> unclaimed = new LinkedHashSet<>(listed);
        unclaimed.removeAll(foreign);
        List<String> respelled = new ArrayList<>();
        for (String element : new TreeSet<>(planned)) {
            String known = kept.get(element);
            if (known != null && unclaimed.containsAll(ElementLists.split(known))) {
                texts.put(element, known);
                ElementLists.split(known).forEach(unclaimed::remove);
            } else if (unclaimed.remove(element)) {
                texts.put(element, element);
            } else if (foreign.contains(element)) {
                texts.put(element, ""); // listed before, as written: someone else's, never ours to delete
            } else {
                respelled.add(element);
            }
        }
        String rest = String.join(", ", unclaimed);
        respelled.forEach(element -> texts.put(element, rest));
        return new TrackedElements(List.copyOf(planned), texts);
    }

    /** The elements to delete and add to go from these tracked elements to {@code planned} (order is no change). */
    Change changeTo(Collection<String> planned) {
        Set<String> current = new HashSet<>(elements);
        Set<String> removed = new TreeSet<>(elements);
        removed.removeAll(new HashSet<>(planned));
        Set<String> deleted = new LinkedHashSet<>();
        removed.forEach(e -> deleted.addAll(canonicalOf(e)));
        Set<String> added = new TreeSet<>(planned);
        added.removeAll(current);
        Map<String, String> kept = new LinkedHashMap<>();
        for (String element : new TreeSet<>(planned)) {
            if (!current.contains(element)) {
                continue;
            }
            List<String> forms = canonicalOf(element);
            if (forms.stream().anyMatch(deleted::contains)) {
                added.add(element); // shared a merged listing with a deleted element: write it again
            } else if (!forms.isEmpty()) {
                kept.put(element, String.join(", ", forms));
            }
        }
        return new Change(List.copyOf(deleted), List.copyOf(added), kept);
    }

    /** Deletions first, then additions, so a changed map value (same key) is a delete + add in one batch. */
    record Change(List<String> delete, List<String> add, Map<String, String> keptCanonical) {

        Transaction transaction(TableRef table, String setOrMap) {
            Transaction.Builder tx = Transaction.builder();
            if (!delete.isEmpty()) {
                tx.delete(new Element(table, setOrMap, delete));
            }
            if (!add.isEmpty()) {
                tx.add(new Element(table, setOrMap, add));
            }
            return tx.build();
        }
    }
}
