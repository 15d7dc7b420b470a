package io.nftkeeper.protocol;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An nftables table. The name and comment are validated on construction; {@code flags} are kept sorted and
 * distinct, empty when none. Adding an existing table sets its flags as given (an empty list wakes a dormant table)
 * but leaves its comment alone: nft 1.0.6 cannot change a table's comment in place.
 */
public record Table(Family family, String name, List<TableFlag> flags, String comment) implements NftObject {

    public Table {
        Objects.requireNonNull(family, "family");
        Identifiers.require("table", name);
        flags = flags == null ? List.of() : List.copyOf(new TreeSet<>(flags));
        ScriptText.requireComment("table " + family.nftName() + " " + name, comment);
    }

    /** A table without flags or comment. */
    public Table(Family family, String name) {
        this(family, name, List.of(), null);
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
