package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.schema.Validator;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Identifiers;
import io.nftkeeper.protocol.TableRef;

import java.util.Optional;

/**
 * The {@code id} of an {@code nftables_table}, {@code <host>/<family>/<table>}, which resources inside a table use to
 * name it: it carries the host, so a chain always lives on its table's host.
 */
public record TableId(String host, TableRef table) {

    /** Schema validator for a {@code table_id} attribute. */
    public static final Validator VALIDATOR = (path, value, diagnostics) -> problem(value.asString())
            .ifPresent(p -> diagnostics.addAttributeError(path, "Invalid table_id", p));

    /** The parsed id, or empty with {@link #problem} explaining why. */
    public static Optional<TableId> parse(String id) {
        return problem(id).isPresent() ? Optional.empty() : Optional.of(split(id));
    }

    /** Why {@code id} is not a table id, if it is not. */
    public static Optional<String> problem(String id) {
        int last = id.lastIndexOf('/');
        int middle = last > 0 ? id.lastIndexOf('/', last - 1) : -1;
        if (middle <= 0) {
            return Optional.of("\"" + id + "\" is not a table id: expected `<host>/<family>/<table>`, the `id` of an "
                    + "nftables_table, e.g. `nftables_table.filter.id`.");
        }
        String family = id.substring(middle + 1, last);
        if (Family.parse(family).isEmpty()) {
            return Optional.of("\"" + id + "\" names the unknown family \"" + family + "\".");
        }
        return Identifiers.check("table name", id.substring(last + 1));
    }

    private static TableId split(String id) {
        int last = id.lastIndexOf('/');
        int middle = id.lastIndexOf('/', last - 1);
        return new TableId(id.substring(0, middle),
                new TableRef(Family.parse(id.substring(middle + 1, last)).orElseThrow(), id.substring(last + 1)));
    }

    @Override
    public String toString() {
        return host + "/" + table.family().nftName() + "/" + table.name();
    }
}
