package io.nftkeeper.protocol;

import java.util.Objects;

/** An nftables table. The name is validated on construction. */
public record Table(Family family, String name) implements NftObject {

    public Table {
        Objects.requireNonNull(family, "family");
        Identifiers.require("table", name);
    }

    public static Table of(TableRef ref) {
        return new Table(ref.family(), ref.name());
    }

    @Override
    public TableRef table() {
        return new TableRef(family, name);
    }

    @Override
    public String describe() {
        return table().describe();
    }
}
