package io.nftkeeper.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;

/**
 * What the host has for one table. {@code ruleset} is the stateless {@code nft -j list table} output
 * (an object with an {@code nftables} array), or null when the table does not exist.
 */
public record TableListing(Family family, String name, boolean exists, boolean managed, JsonNode ruleset) {

    public static TableListing absent(TableRef table, boolean managed) {
        return new TableListing(table.family(), table.name(), false, managed, null);
    }

    public static TableListing present(TableRef table, boolean managed, JsonNode ruleset) {
        return new TableListing(table.family(), table.name(), true, managed, ruleset);
    }

    public TableRef table() {
        return new TableRef(family, name);
    }
}
