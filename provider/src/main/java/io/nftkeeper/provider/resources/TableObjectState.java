package io.nftkeeper.provider.resources;

import io.nftkeeper.protocol.TableId;

/** A resource state record of an object in a table: what the shared resource bases read of it. */
interface TableObjectState {

    String tableId();

    String name();

    default TableId table() {
        return TableId.parse(tableId()).orElseThrow();
    }
}
