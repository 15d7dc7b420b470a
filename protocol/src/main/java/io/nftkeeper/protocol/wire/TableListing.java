package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.live.LiveTable;

/**
 * What the host has for one table. {@code live} is the table typed, as the agent parsed its listings (with counter
 * values when asked), or null when the table does not exist. {@code text} is the stateless text listing
 * ({@code nft -s list table}) of the same table, as a user would read it; nothing on this side parses it.
 * {@code claimed}, only when the list asked for claims ({@link ListParams#withClaims()}): the table is managed for
 * an owner ID (a Terraform configuration's nftables_table) and is still the table that was claimed. The owner ID
 * itself is never listed. Null when not asked or not claimed.
 */
public record TableListing(
        Family family, String name, boolean exists, boolean managed, LiveTable live, String text, Boolean claimed) {

    public TableListing {
        claimed = Boolean.TRUE.equals(claimed) ? Boolean.TRUE : null;
    }

    public static TableListing absent(TableRef table, boolean managed) {
        return new TableListing(table.family(), table.name(), false, managed, null, null, null);
    }

    public static TableListing present(TableRef table, boolean managed, LiveTable live, String text) {
        return new TableListing(table.family(), table.name(), true, managed, live, text, null);
    }

    /** This listing, saying that an owner claims the table. */
    public TableListing asClaimed() {
        return new TableListing(family, name, exists, managed, live, text, true);
    }

    /** Whether the listing says an owner claims the table. */
    public boolean claimedByOwner() {
        return Boolean.TRUE.equals(claimed);
    }

    public TableRef table() {
        return new TableRef(family, name);
    }
}
