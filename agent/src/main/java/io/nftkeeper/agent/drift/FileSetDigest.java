package io.nftkeeper.agent;

import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.DriftChange;
import io.nftkeeper.protocol.wire.ElementDigest;
import io.nftkeeper.protocol.wire.ElementsResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A set filled from a file, as the host has it: its listing, its digest, and what differs from the agent's record of
 * the last apply ({@link ElementRecords}), all computed on the host. Answers {@code elements} DIGEST requests and
 * adds element drift of such sets to {@code drift}, whose table listings leave their elements out.
 */
final class FileSetDigest {

    static final int DRIFT_SAMPLES = 5;

    private final Nftables nftables;
    private final ElementRecords records;

    FileSetDigest(Nftables nftables, ElementRecords records) {
        this.nftables = nftables;
        this.records = records;
    }

    /** The set's elements as listed, sorted; empty when the set (or its table) does not exist. */
    Optional<List<String>> listed(TableRef table, String set) {
        return nftables.listSetText(table, set).map(ListedSetElements::parse).map(elements -> {
            List<String> sorted = new ArrayList<>(elements);
            sorted.sort(null);
            return sorted;
        });
    }

    ElementsResult digest(TableRef table, String set, int samples) {
        Optional<List<String>> live = listed(table, set);
        if (live.isEmpty()) {
            return new ElementsResult(false, 0, null, false, 0, 0, null, null, null, null, null);
        }
        String digest = ElementDigest.of(live.get());
        Optional<String> recorded = records.digest(table, set);
        if (recorded.isEmpty() || recorded.get().equals(digest)) {
            return new ElementsResult(
                    true, live.get().size(), digest, recorded.isPresent(), 0, 0, null, null, null, null, null);
        }
        ElementsOperation.Difference drift =
                ElementsOperation.Difference.of(live.get(), records.listed(table, set), samples);
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
}
