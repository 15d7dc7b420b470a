package io.nftkeeper.protocol;

import java.util.Optional;

/**
 * The {@code id} of an {@code nftables_table}, {@code <host>/<family>/<table>}, which resources inside a table use to
 * name it: it carries the host, so a chain always lives on its table's host. nft allows {@code /} in names; in an id a
 * table name writes it as {@code %2F} (no name can hold a {@code %}), so the id of an object in the table,
 * {@code <table id>/<name>}, splits unambiguously: the host before the first {@code /}, the family and the table in
 * the next two parts, the object's name (which may hold {@code /} as it is) in the rest.
 */
public record TableId(String host, TableRef table) {

    /** The parsed id, or empty with {@link #problem} explaining why. */
    public static Optional<TableId> parse(String id) {
        return problem(id).isPresent() ? Optional.empty() : Optional.of(split(id));
    }

    /** Why {@code id} is not a table id, if it is not. */
    public static Optional<String> problem(String id) {
        String[] parts = id.split("/", -1);
        if (parts.length < 3 || parts[0].isEmpty()) {
            return Optional.of("\"" + id + "\" is not a table id: expected `<host>/<family>/<table>`, the `id` of an "
                    + "nftables_table, e.g. `nftables_table.filter.id`.");
        }
        if (Family.parse(parts[1]).isEmpty()) {
            return Optional.of("\"" + id + "\" names the unknown family \"" + parts[1] + "\".");
        }
        if (parts.length > 3) {
            return Optional.of("\"" + id + "\" is not a table id: expected `<host>/<family>/<table>`; write a `/` in "
                    + "the table name as `%2F`.");
        }
        return Identifiers.check("table", decode(parts[2]));
    }

    /** A name as it is written in an id: {@code /} as {@code %2F}. */
    public static String encode(String name) {
        return name.replace("/", "%2F");
    }

    /** A name written in an id, {@code %2F} (or {@code %2f}) back to {@code /}. */
    public static String decode(String part) {
        return part.replace("%2F", "/").replace("%2f", "/");
    }

    private static TableId split(String id) {
        String[] parts = id.split("/", -1);
        return new TableId(parts[0], new TableRef(Family.parse(parts[1]).orElseThrow(), decode(parts[2])));
    }

    @Override
    public String toString() {
        return host + "/" + table.family().nftName() + "/" + encode(table.name());
    }
}
