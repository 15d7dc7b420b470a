package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.resource.ModifyPlanRequest;
import io.nftkeeper.framework.resource.ModifyPlanResponse;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The owner IDs of this configuration's tables, as this provider process heard them: from the tables' nftables_table
 * resources (their plan, read, create or update) and from the private state of the resources of objects in them
 * (chains, sets, maps, elements, named objects), which keep their table's owner ID so that their writes, deletes
 * included, carry it also in a process that never hears of the table's resource (a destroy deletes them first).
 * Writes into a table, and their dry runs at plan, run on behalf of its owner, so the agent refuses them in a table
 * another configuration manages; a write whose table's owner is unknown (its {@code table_id} names no
 * nftables_table of the configuration, or it creates an object in a table the run does not change) names no owner,
 * and the agent refuses it in a table an owner claims unless it only adds.
 */
public final class TableOwners {

    /** What precedes the owner ID in a table object resource's private state (UTF-8 text). */
    private static final String PRIVATE_PREFIX = "table_owner=";

    private final Map<TableId, String> owners = new ConcurrentHashMap<>();

    /** A new owner ID, for a table this configuration creates or adopts. */
    static String newOwner() {
        return UUID.randomUUID().toString();
    }

    /** What the table's own resource says: it overrides whatever the objects in the table kept. */
    void learn(TableId table, String owner) {
        if (owner != null) {
            owners.put(table, owner);
        }
    }

    /**
     * Learns the owner ID that a resource of an object in {@code table} kept in {@code privateState} (unless this
     * process heard the table's owner already, from its nftables_table, which may have taken the table over since)
     * and answers the private state it keeps now: its table's owner ID; null when that is not known, so that the
     * framework keeps what the resource had (state of 0.1.0 and objects whose {@code table_id} names no
     * nftables_table of the configuration have none). Every call of such a resource (plan, create, read, update,
     * delete, import) starts with it.
     */
    byte[] keep(TableId table, byte[] privateState) {
        String kept = keptOwner(privateState);
        if (kept != null) {
            owners.putIfAbsent(table, kept);
        }
        String owner = owners.get(table);
        return owner == null ? null : (PRIVATE_PREFIX + owner).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@link #keep} at plan, into the planned private state that the apply's create or update gets. {@code table} is
     * empty while the table's id is unknown: the apply that creates the table then tells its own process.
     */
    void keepPlanned(Optional<TableId> table, ModifyPlanRequest req, ModifyPlanResponse resp) {
        table.ifPresent(known -> resp.setPrivateState(keep(known, req.privateState())));
    }

    /** The table a planned {@code table_id} names, empty while it is unknown. */
    static Optional<TableId> plannedTable(Value tableId) {
        return tableId.isKnown() && !tableId.isNull() ? TableId.parse(tableId.asString()) : Optional.empty();
    }

    /** The owner ID in a private state that {@link #keep} answered; null for any other bytes. */
    private static String keptOwner(byte[] privateState) {
        if (privateState == null) {
            return null;
        }
        String text = new String(privateState, StandardCharsets.UTF_8);
        return text.startsWith(PRIVATE_PREFIX) && text.length() > PRIVATE_PREFIX.length()
                ? text.substring(PRIVATE_PREFIX.length())
                : null;
    }

    /** {@code tx}, a write into {@code table}, on behalf of the table's owner when it is known. */
    public Transaction owned(TableId table, Transaction tx) {
        String owner = owners.get(table);
        return owner == null ? tx : tx.onBehalfOf(owner);
    }
}
