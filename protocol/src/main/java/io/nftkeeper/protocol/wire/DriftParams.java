package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.TableRef;
import java.util.List;

/** The managed tables to compare with their baselines; empty means every managed table. */
public record DriftParams(List<TableRef> tables) {

    public DriftParams {
        tables = tables == null ? List.of() : List.copyOf(tables);
    }
}
