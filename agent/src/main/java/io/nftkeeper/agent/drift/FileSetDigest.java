package io.nftkeeper.agent.drift;

import io.nftkeeper.agent.nft.ListedSetElements;
import io.nftkeeper.agent.nft.Nftables;
import io.nftkeeper.agent.state.ElementRecords;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.DriftChange;
import io.nftkeeper.protocol.wire.ElementDigest;
import io.nftkeeper.protocol.wire.ElementsResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A set filled from a file, as the host has it: its listing, its digest, and what differs from the agent's record of
 * the last apply ({@link ElementRecords}), all computed on the host. Answers {@code elements} DIGEST requests and
 * adds element drift of such sets to {@code drift}, whose table listings leave their elements out.
 */
public final class FileSetDigest {

    static final int DRIFT_SAMPLES = 5;

    /** A set's listing, parsed and sorted, with its digest; kept for as long as the listing is the very same text. */
    private record Parsed(String text, List<String> sorted, String digest) {}

    private final Nftables nftables;
    private final ElementRecords records;
    /**
     * By table and set: a cached listing ({@code CachedListings}) is answered as the same String instance, and
     * parsing, sorting and hashing a million elements again costs seconds of every no-op plan.
     */
    private final Map<String, Parsed> parsed = new HashMap<>();

    public FileSetDigest(Nftables nftables, ElementRecords records) {
        this.nftables = nftables;
        this.records = records;
    }

    /** The set's elements as listed, sorted; empty when the set (or its table) does not exist. */
    public Optional<List<String>> listed(TableRef table, String set) {
        return parsed(table, set).map(Parsed::sorted);
    }

    private Optional<Parsed> parsed(TableRef table, String set) {
        String key = table.describe() + " " + set;
        Optional<String> text = nftables.listSetText(table, set);
        synchronized (parsed) {
            if (text.isEmpty()) {
                parsed.remove(key);
                return Optional.empty();
            }
            Parsed known = parsed.get(key);
            if (known != null && known.text() == text.get()) {
                return Optional.of(known);
            }
        }
        List<String> sorted = new ArrayList<>(ListedSetElements.parse(text.get()));
        sorted.sort(null);
        Parsed now = new Parsed(text.get(), List.copyOf(sorted), ElementDigest.of(sorted));
        synchronized (parsed) {
            parsed.put(key, now);
        }
        return Optional.of(now);
    }

    public ElementsResult digest(TableRef table, String set, int samples) {
        Optional<Parsed> listed = parsed(table, set);
        if (listed.isEmpty()) {
            return new ElementsResult(false, 0, null, false, 0, 0, null, null, null, null, null);
        }
        Optional<List<String>> live = listed.map(Parsed::sorted);
        String digest = listed.get().digest();
        Optional<String> recorded = records.digest(table, set);
        if (recorded.isEmpty() || recorded.get().equals(digest)) {
            return new ElementsResult(
                    true, live.get().size(), digest, recorded.isPresent(), 0, 0, null, null, null, null, null);
        }
        Difference drift = Difference.of(live.get(), records.listed(table, set), samples);
        return new ElementsResult(
                true,
                live.get().size(),
                digest,
                true,
                drift.added(),
                drift.removed(),
                drift.addedSample(),
                drift.removedSample(),
                null,
                null,
                null);
    }

    /** One drift change per file set of {@code table} whose elements differ from the last apply. */
    List<DriftChange> drift(TableRef table) {
        List<DriftChange> changes = new ArrayList<>();
        for (String set : records.sets(table)) {
            ElementsResult live = digest(table, set, DRIFT_SAMPLES);
            if (live.exists() && live.added() + live.removed() > 0) {
                changes.add(new DriftChange(
                        DriftChange.Kind.ELEMENT, DriftChange.Change.CHANGED, describe(table, set, live), null, null));
            }
        }
        return changes;
    }

    /** {@code elements of set inet big blocked: +1 / −0 since the last apply (added 10.250.0.1)}. */
    private static String describe(TableRef table, String set, ElementsResult live) {
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT,
                "elements of set %s %s %s: +%,d / \u2212%,d since the last apply",
                table.family().nftName(),
                table.name(),
                set,
                live.added(),
                live.removed()));
        List<String> parts = new ArrayList<>();
        if (!live.addedSample().isEmpty()) {
            parts.add("added " + String.join(", ", live.addedSample())
                    + (live.added() > live.addedSample().size() ? ", …" : ""));
        }
        if (!live.removedSample().isEmpty()) {
            parts.add("removed " + String.join(", ", live.removedSample())
                    + (live.removed() > live.removedSample().size() ? ", …" : ""));
        }
        if (!parts.isEmpty()) {
            text.append(" (").append(String.join("; ", parts)).append(')');
        }
        return text.toString();
    }

    /** {@code wanted} against {@code base}: counts, all of each side, and the first few of each, sorted. */
    public record Difference(List<String> addedAll, List<String> removedAll, int samples) {

        public static Difference of(Collection<String> wanted, Collection<String> base, int samples) {
            Set<String> baseSet = new HashSet<>(base);
            Set<String> wantedSet = new HashSet<>(wanted);
            List<String> added = new ArrayList<>();
            for (String element : wanted) {
                if (!baseSet.contains(element)) {
                    added.add(element);
                }
            }
            List<String> removed = new ArrayList<>();
            for (String element : base) {
                if (!wantedSet.contains(element)) {
                    removed.add(element);
                }
            }
            added.sort(null);
            removed.sort(null);
            return new Difference(added, removed, samples);
        }

        public long added() {
            return addedAll.size();
        }

        public long removed() {
            return removedAll.size();
        }

        public List<String> addedSample() {
            return addedAll.subList(0, Math.min(samples, addedAll.size()));
        }

        public List<String> removedSample() {
            return removedAll.subList(0, Math.min(samples, removedAll.size()));
        }
    }
}
