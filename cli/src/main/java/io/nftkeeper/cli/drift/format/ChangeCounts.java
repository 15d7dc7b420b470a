package io.nftkeeper.cli.drift.format;

import io.nftkeeper.protocol.wire.DriftChange;
import io.nftkeeper.protocol.wire.TableDrift;
import java.util.EnumMap;
import java.util.Map;

/** How many objects of each kind differ in one table, every kind present (zero when none). */
final class ChangeCounts {

    private ChangeCounts() {}

    static Map<DriftChange.Kind, Integer> of(TableDrift table) {
        Map<DriftChange.Kind, Integer> counts = new EnumMap<>(DriftChange.Kind.class);
        for (DriftChange.Kind kind : DriftChange.Kind.values()) {
            counts.put(kind, 0);
        }
        table.changes().forEach(change -> counts.merge(change.kind(), 1, Integer::sum));
        return counts;
    }

    static String describe(TableDrift table) {
        int n = table.changes().size();
        return n == 1 ? "1 change" : n + " changes";
    }
}
