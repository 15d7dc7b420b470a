package io.nftkeeper.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;

/**
 * What the host has for one table. {@code ruleset} is the stateless {@code nft -j list table} output
 * (an object with an {@code nftables} array), or null when the table does not exist. {@code text} is the stateless
 * text listing ({@code nft -s list table}) of the same table: rules exactly as this host's nft prints them, which
 * the JSON cannot give back; null when the table does not exist or the agent predates it.
 */
public record TableListing(Family family, String name, boolean exists, boolean managed, JsonNode ruleset,
                           String text) {

    public static TableListing absent(TableRef table, boolean managed) {
        return new TableListing(table.family(), table.name(), false, managed, null, null);
    }

    public static TableListing present(TableRef table, boolean managed, JsonNode ruleset) {
        return present(table, managed, ruleset, null);
    }

    public static TableListing present(TableRef table, boolean managed, JsonNode ruleset, String text) {
        return new TableListing(table.family(), table.name(), true, managed, ruleset, text);
    }

    public TableRef table() {
        return new TableRef(family, name);
    }
}
