package io.nftkeeper.provider.resources;

import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.Transaction;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The owner IDs of this configuration's tables, as its nftables_table resources told this provider process (their
 * plan, read, create or update). Writes into a table, and their dry runs at plan, run on behalf of its owner, so the
 * agent refuses them in a table another configuration manages. A write whose table this process has not heard of
 * (a destroy's deletes, which Terraform runs before the table's; a table that is not a resource of this
 * configuration) runs for no owner in particular.
 */
public final class TableOwners {

    private final Map<TableId, String> owners = new ConcurrentHashMap<>();

    /** A new owner ID, for a table this configuration creates or adopts. */
    static String newOwner() {
        return UUID.randomUUID().toString();
    }

    void learn(TableId table, String owner) {
        if (owner != null) {
            owners.put(table, owner);
        }
    }

    /** {@code tx}, a write into {@code table}, on behalf of the table's owner when it is known. */
    public Transaction owned(TableId table, Transaction tx) {
        String owner = owners.get(table);
        return owner == null ? tx : tx.onBehalfOf(owner);
    }
}
