package io.nftkeeper.agent;

import io.nftkeeper.protocol.Command;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.Verb;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ApplyParams;
import io.nftkeeper.protocol.wire.ApplyResult;
import io.nftkeeper.protocol.wire.ErrorCode;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies a transaction as one nft batch after checking that it only touches tables nftkeeper owns, then records
 * which tables it now owns. Ownership is recorded only after the kernel accepted the whole batch.
 */
final class ApplyOperation {

    private final Nftables nftables;
    private final OwnershipRegistry registry;

    ApplyOperation(Nftables nftables, OwnershipRegistry registry) {
        this.nftables = nftables;
        this.registry = registry;
    }

    ApplyResult handle(ApplyParams params) {
        Transaction tx = params.transaction();
        if (tx == null || tx.isEmpty()) {
            throw new AgentException(ErrorCode.INVALID, null, "the transaction has no commands");
        }
        Set<TableRef> managed = registry.managed();
        checkOwnership(tx, managed, nftables.tables());
        String script = tx.toScript();
        try {
            nftables.run(script);
        } catch (NftFailure e) {
            if (tx.commands().size() == 1) {
                throw new AgentException(e.code(), tx.commands().get(0).object().describe(), e.getMessage(), e);
            }
            throw new AgentException(e.code(), tx.describe(), e.errorLines()
                    + " (nothing was applied: the transaction runs as a whole)", e);
        }
        registry.save(ownershipAfter(tx, managed));
        return new ApplyResult(script);
    }

    private static void checkOwnership(Transaction tx, Set<TableRef> managed, Set<TableRef> existing) {
        // tables this transaction creates are ours for its later commands
        Set<TableRef> owned = new HashSet<>(managed);
        for (Command command : tx.commands()) {
            TableRef table = command.object().table();
            if (owned.contains(table)) {
                continue;
            }
            if (command.verb() == Verb.ADD && command.object() instanceof Table) {
                if (existing.contains(table)) {
                    throw new AgentException(ErrorCode.ALREADY_EXISTS, table.describe(), table.describe()
                            + " already exists on this host and is not managed by nftkeeper; import it");
                }
                owned.add(table);
                continue;
            }
            throw new AgentException(ErrorCode.NOT_OWNED, table.describe(), table.describe()
                    + " is not managed by nftkeeper, so it will not " + command.describe()
                    + "; import the table first if nftkeeper should manage it");
        }
    }

    private static Set<TableRef> ownershipAfter(Transaction tx, Set<TableRef> managed) {
        Set<TableRef> after = new TreeSet<>(managed);
        for (Command command : tx.commands()) {
            if (command.object() instanceof Table table) {
                if (command.verb() == Verb.ADD) {
                    after.add(table.table());
                } else {
                    after.remove(table.table());
                }
            }
        }
        return after;
    }
}
