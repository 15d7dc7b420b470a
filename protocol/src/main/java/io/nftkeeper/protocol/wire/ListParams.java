package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.TableRef;
import java.util.List;

/**
 * The tables to list, or with {@code all} every table on the host whatever its owner (kube-proxy, docker, ...),
 * in family and name order; listing never changes anything, so it needs no ownership. {@code all} absent is false.
 */
public record ListParams(List<TableRef> tables, Boolean all) {

    public ListParams {
        tables = tables == null ? List.of() : List.copyOf(tables);
        all = Boolean.TRUE.equals(all) ? Boolean.TRUE : null;
    }

    public ListParams(List<TableRef> tables) {
        this(tables, null);
    }

    /** Every table on the host. */
    public static ListParams everyTable() {
        return new ListParams(List.of(), true);
    }

    public boolean listsAll() {
        return all != null;
    }
}
