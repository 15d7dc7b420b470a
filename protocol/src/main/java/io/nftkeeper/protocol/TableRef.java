package io.nftkeeper.protocol;

import java.util.Objects;

/** Identifies a table; the unit of ownership. The name is validated on construction. */
public record TableRef(Family family, String name) implements Comparable<TableRef> {

    public TableRef {
        Objects.requireNonNull(family, "family");
        Identifiers.require("table", name);
    }

    /** How nft and our messages name it, e.g. {@code table inet web}. */
    public String describe() {
        return "table " + family.nftName() + " " + name;
    }

    @Override
    public int compareTo(TableRef other) {
        int byFamily = family.compareTo(other.family);
        return byFamily != 0 ? byFamily : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return describe();
    }
}
