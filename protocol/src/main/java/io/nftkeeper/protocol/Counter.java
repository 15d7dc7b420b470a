package io.nftkeeper.protocol;

import java.util.Objects;

/**
 * A named counter ({@code add counter inet web hits}). It always starts at zero: its packets and bytes are live
 * values that only the datapath writes, so they are not part of the object.
 */
public record Counter(TableRef table, String name) implements NftObject {

    public Counter {
        Objects.requireNonNull(table, "table");
        Identifiers.require("counter", name);
    }

    /** E.g. {@code counter inet web hits}. */
    @Override
    public String describe() {
        return "counter " + table.family().nftName() + " " + table.name() + " " + name;
    }
}
