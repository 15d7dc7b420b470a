package io.nftkeeper.protocol;

import java.util.Objects;

/** A chain; {@code base} is null for a regular chain (reached only by jump/goto). */
public record Chain(TableRef table, String name, BaseChain base) implements NftObject {

    public Chain {
        Objects.requireNonNull(table, "table");
        Identifiers.require("chain", name);
    }

    public static Chain regular(TableRef table, String name) {
        return new Chain(table, name, null);
    }

    /** Whether it is a base chain (attached to a hook). Not named isBase: that would be a second JSON property. */
    public boolean attachedToHook() {
        return base != null;
    }

    @Override
    public String describe() {
        return "chain " + table.family().nftName() + " " + table.name() + " " + name;
    }
}
