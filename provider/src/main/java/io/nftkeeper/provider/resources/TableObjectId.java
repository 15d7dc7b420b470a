package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.Identifiers;

import java.util.Optional;

/**
 * The import ID of an object inside a managed table (chain, set): {@code <host>/<family>/<table>/<name>}, or
 * {@code <family>/<table>/<name>} on the provider's host, as {@code <family>/<name>} is for nftables_table.
 */
record TableObjectId(TableId table, String name) {

    /** The parsed id, or empty with {@link #problem} explaining why. */
    static Optional<TableObjectId> parse(String id, Optional<String> defaultHost) {
        String fullId = withHost(id, defaultHost);
        int last = fullId.lastIndexOf('/');
        return last <= 0 ? Optional.empty()
                : TableId.parse(fullId.substring(0, last)).map(table -> new TableObjectId(table, fullId.substring(last + 1)));
    }

    /**
     * Why {@code id} is not an import ID for a {@code kind} ("chain", "set"), if it is not; {@code example} is the
     * name the message shows.
     */
    static Optional<String> problem(String id, Optional<String> defaultHost, String kind, String example) {
        String fullId = withHost(id, defaultHost);
        int last = fullId.lastIndexOf('/');
        String tableId = last > 0 ? fullId.substring(0, last) : "";
        Optional<String> problem = TableId.problem(tableId)
                .or(() -> Identifiers.check(kind + " name", fullId.substring(last + 1)));
        if (last > 0 && problem.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Expected `<host>/<family>/<table>/<" + kind + ">` (or `<family>/<table>/<" + kind
                + ">` on the provider's `host`), e.g. `web1/inet/filter/" + example + "`"
                + problem.map(p -> ": " + p).orElse("."));
    }

    /** {@code plan} with its {@code id} ({@code <table_id>/<name>}) once table and name are known. */
    static Value withPlannedId(Value plan) {
        if (plan.isNull()) {
            return plan;
        }
        Value tableId = plan.get("table_id");
        Value name = plan.get("name");
        if (tableId.isKnown() && name.isKnown() && TableId.parse(tableId.asString()).isPresent()) {
            return plan.with("id", Value.string(tableId.asString() + "/" + name.asString()));
        }
        return plan;
    }

    private static String withHost(String id, Optional<String> defaultHost) {
        return id.split("/", -1).length == 3 && defaultHost.isPresent() ? defaultHost.get() + "/" + id : id;
    }
}
