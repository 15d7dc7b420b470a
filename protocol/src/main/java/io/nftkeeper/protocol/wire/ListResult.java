package io.nftkeeper.protocol.wire;

import java.util.List;

/** One listing per requested table, in request order. */
public record ListResult(List<TableListing> tables) {

    public ListResult {
        tables = List.copyOf(tables);
    }
}
