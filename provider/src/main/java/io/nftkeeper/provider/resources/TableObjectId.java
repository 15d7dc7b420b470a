package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Identifiers;
import io.nftkeeper.protocol.NamedObject;
import io.nftkeeper.protocol.TableId;
import java.util.Arrays;
import java.util.Optional;

/**
 * The import ID of an object inside a managed table (chain, set): {@code <host>/<family>/<table>/<name>}, or
 * {@code <family>/<table>/<name>} on the provider's host, as {@code <family>/<name>} is for nftables_table. The
 * name is everything after the table, {@code /} included (kube-proxy's chain
 * {@code service-ULMVA6XW-namespace1/service1/tcp/p80}); a {@code /} in the table name is written {@code %2F} (see
 * {@link TableId}). The id has a host when its second part is a family, else it starts with the family.
 */
record TableObjectId(TableId table, String name) {

    /** The object as nft describes it, e.g. "set inet filter allowed" for {@code kind} "set". */
    String describe(String kind) {
        return NamedObject.owner(kind, table.table(), name);
    }

    /** The parsed id, or empty with {@link #problem} explaining why. */
    static Optional<TableObjectId> parse(String id, Optional<String> defaultHost) {
        return problem(id, defaultHost, "object", "x").isPresent()
                ? Optional.empty()
                : Optional.of(split(withHost(id, defaultHost)));
    }

    /**
     * Why {@code id} is not an import ID for a {@code kind} ("chain", "set"), if it is not; {@code example} is the
     * name the message shows.
     */
    static Optional<String> problem(String id, Optional<String> defaultHost, String kind, String example) {
        String fullId = withHost(id, defaultHost);
        String[] parts = fullId.split("/", -1);
        Optional<String> problem = parts.length < 4
                ? Optional.empty()
                : TableId.problem(String.join("/", Arrays.copyOf(parts, 3)))
                        .or(() -> Identifiers.check(kind, split(fullId).name()));
        if (parts.length >= 4 && problem.isEmpty()) {
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
        if (tableId.isKnown()
                && name.isKnown()
                && TableId.parse(tableId.asString()).isPresent()) {
            return plan.with("id", Value.string(tableId.asString() + "/" + name.asString()));
        }
        return plan;
    }

    private static TableObjectId split(String fullId) {
        String[] parts = fullId.split("/", 4);
        return new TableObjectId(
                TableId.parse(String.join("/", parts[0], parts[1], parts[2])).orElseThrow(), TableId.decode(parts[3]));
    }

    /** {@code id} with the default host in front when it starts with a family and names no host of its own. */
    private static String withHost(String id, Optional<String> defaultHost) {
        String[] parts = id.split("/", 3);
        boolean hasHost = parts.length > 1 && Family.parse(parts[1]).isPresent();
        return !hasHost && defaultHost.isPresent() && Family.parse(parts[0]).isPresent()
                ? defaultHost.get() + "/" + id
                : id;
    }
}
