package io.nftkeeper.agent;

import io.nftkeeper.protocol.Command;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.Verb;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** Which transactions nftkeeper may run (only on tables it owns) and what it owns after one ran. */
final class OwnershipRules {

    private OwnershipRules() {
    }

    /** @throws AgentException ALREADY_EXISTS or NOT_OWNED for the first command that touches a foreign table */
    static void check(Transaction tx, Set<TableRef> managed, Set<TableRef> existing) {
        // tables this transaction creates are ours for its later commands (a copy only when it creates one)
        Set<TableRef> owned = managed;
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
                if (owned == managed) {
                    owned = new HashSet<>(managed);
                }
                owned.add(table);
                continue;
            }
            throw new AgentException(ErrorCode.NOT_OWNED, table.describe(), table.describe()
                    + " is not managed by nftkeeper, so it will not " + command.describe()
                    + "; import the table first if nftkeeper should manage it");
        }
    }

    /**
     * Whether {@link #check} needs the tables that exist on the host: only to refuse creating a table that exists
     * and is not managed.
     */
    static boolean needsExistingTables(Transaction tx, Set<TableRef> managed) {
        for (Command command : tx.commands()) {
            if (command.verb() == Verb.ADD && command.object() instanceof Table
                    && !managed.contains(command.object().table())) {
                return true;
            }
        }
        return false;
    }

    /** The managed tables once {@code tx} has been committed: {@code managed} itself when it adds or removes none. */
    static Set<TableRef> after(Transaction tx, Set<TableRef> managed) {
        if (tx.commands().stream().noneMatch(command -> command.object() instanceof Table)) {
            return managed;
        }
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
