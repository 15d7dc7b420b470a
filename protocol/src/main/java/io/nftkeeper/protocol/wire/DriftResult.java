package io.nftkeeper.protocol.wire;

import java.util.List;

/** One entry per table asked for (or per managed table), in request order or sorted. */
public record DriftResult(List<TableDrift> tables) {

    public DriftResult {
        tables = List.copyOf(tables);
    }

    /** True when any table drifted or is missing. */
    public boolean drifted() {
        return tables.stream()
                .anyMatch(t -> t.status() == TableDrift.Status.DRIFTED || t.status() == TableDrift.Status.MISSING);
    }
}
