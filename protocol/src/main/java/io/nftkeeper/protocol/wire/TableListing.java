package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.live.LiveTable;

/**
 * What the host has for one table. {@code live} is the table typed, as the agent parsed its listings (with counter
 * values when asked), or null when the table does not exist. {@code text} is the stateless text listing
 * ({@code nft -s list table}) of the same table, as a user would read it; nothing on this side parses it.
 */
public record TableListing(Family family, String name, boolean exists, boolean managed, LiveTable live, String text) {

    public static TableListing absent(TableRef table, boolean managed) {
        return new TableListing(table.family(), table.name(), false, managed, null, null);
    }

    public static TableListing present(TableRef table, boolean managed, LiveTable live, String text) {
        return new TableListing(table.family(), table.name(), true, managed, live, text);
    }

    public TableRef table() {
        return new TableRef(family, name);
    }
}
