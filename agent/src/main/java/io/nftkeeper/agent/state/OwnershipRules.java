package io.nftkeeper.agent.state;

import io.nftkeeper.agent.state.OwnershipRegistry.Claim;
import io.nftkeeper.protocol.Command;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.Verb;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which transactions nftkeeper may run (only on tables it manages, for their owner, while they are the tables it
 * created or adopted) and what it manages after one ran.
 */
public final class OwnershipRules {

    private OwnershipRules() {}

    /** Whether a transaction must name the owner of a claimed table it writes into. */
    public enum OwnerNeeded {
        /** A client's write: one naming no owner could come from any configuration (a literal {@code table_id}). */
        FOR_WRITES,
        /**
         * A dry run, which changes nothing, or a write the agent makes for an element request, which carries no
         * owner (whole sets from {@code elements_file}, contributions of {@code nftables_set_elements}).
         */
        NO
    }

    /**
     * @param claims     the claims on managed tables ({@link OwnershipRegistry#claims()})
     * @param liveHandle the kernel's handle of a table now, empty when it does not exist
     * @throws AgentException ALREADY_EXISTS or NOT_OWNED for the first command that touches a table this
     *                        transaction may not change
     */
    public static void check(
            Transaction tx,
            Set<TableRef> managed,
            Map<TableRef, Claim> claims,
            Set<TableRef> existing,
            Function<TableRef, OptionalLong> liveHandle,
            OwnerNeeded ownerNeeded) {
        // tables this transaction creates are ours for its later commands (a copy only when it creates one)
        Set<TableRef> owned = managed;
        Set<TableRef> checked = new HashSet<>();
        for (Command command : tx.commands()) {
            TableRef table = command.object().table();
            if (owned.contains(table)) {
                if (checked.add(table) && managed.contains(table)) {
                    checkClaim(
                            table,
                            claims.getOrDefault(table, Claim.NONE),
                            tx.owner(),
                            command,
                            liveHandle,
                            // only a write that does more than add must name the owner: Terraform cannot hand a
                            // resource created in a table its run does not change the owner ID it planned with (the
                            // apply plans each resource again with only its prior state's private data, empty for a
                            // create); changes and deletes of existing objects come with their state's owner ID
                            ownerNeeded == OwnerNeeded.FOR_WRITES && tx.changesBeyondAdding(table)
                                    ? OwnerNeeded.FOR_WRITES
                                    : OwnerNeeded.NO);
                }
                continue;
            }
            if (command.verb() == Verb.ADD && command.object() instanceof Table) {
                if (existing.contains(table)) {
                    throw new AgentException(
                            ErrorCode.ALREADY_EXISTS,
                            table.describe(),
                            table.describe()
                                    + " already exists on this host and is not managed by nftkeeper; import it");
                }
                if (owned == managed) {
                    owned = new HashSet<>(managed);
                }
                owned.add(table);
                checked.add(table);
                continue;
            }
            throw new AgentException(
                    ErrorCode.NOT_OWNED,
                    table.describe(),
                    table.describe()
                            + " is not managed by nftkeeper, so it will not " + command.describe()
                            + "; import the table first if nftkeeper should manage it");
        }
    }

    /**
     * Refuses {@code command} on a managed table that another owner manages (or, for a write that must name one, that
     * an owner manages and the write names none) or that is no longer the same table. A managed table that is gone
     * (deleted by hand) binds nobody: creating it again makes a new table, claimed afresh.
     */
    private static void checkClaim(
            TableRef table,
            Claim claim,
            String owner,
            Command command,
            Function<TableRef, OptionalLong> liveHandle,
            OwnerNeeded ownerNeeded) {
        if (claim.equals(Claim.NONE)) {
            return;
        }
        OptionalLong live = liveHandle.apply(table);
        if (live.isEmpty()) {
            return;
        }
        if (owner != null && claim.owner() != null && !claim.owner().equals(owner)) {
            throw new AgentException(
                    ErrorCode.NOT_OWNED,
                    table.describe(),
                    anotherOwner(table) + ", so this one will not " + command.describe() + ". " + TAKEOVER_HINT);
        }
        if (claim.handle() != null && live.getAsLong() != claim.handle()) {
            throw new AgentException(
                    ErrorCode.NOT_OWNED,
                    table.describe(),
                    recreated(table, claim.handle(), live.getAsLong()) + ", so nftkeeper will not " + command.describe()
                            + " in it. " + REIMPORT_HINT);
        }
        if (owner == null && claim.owner() != null && ownerNeeded == OwnerNeeded.FOR_WRITES) {
            throw new AgentException(
                    ErrorCode.NOT_OWNED,
                    table.describe(),
                    noOwnerNamed(table) + ", so nftkeeper will not " + command.describe() + ". " + OWNER_HINT);
        }
    }

    public static final String TAKEOVER_HINT = "To take it over on purpose, import it into this configuration and set "
            + "`takeover = true` on its nftables_table (then apply); to stop managing it here, remove it from this "
            + "configuration's state (`terraform state rm`).";

    static final String OWNER_HINT = "Declare the object in the configuration whose nftables_table manages the table, "
            + "with `table_id = nftables_table.<label>.id`; state written before owner IDs learns them at the next "
            + "refresh (`terraform apply -refresh-only`). " + TAKEOVER_HINT;

    static String noOwnerNamed(TableRef table) {
        return table.describe() + " is managed by a Terraform configuration (its nftables_table has an owner ID) and "
                + "this change does not come on its behalf (the resource does not know the table's owner: its "
                + "table_id names no nftables_table of its configuration, or its state predates owner IDs)";
    }

    static final String REIMPORT_HINT = "It is not the table nftkeeper manages: import it again (remove the old "
            + "table from the state with `terraform state rm`, import it, apply) to manage it, or delete it by hand.";

    public static String anotherOwner(TableRef table) {
        return table.describe() + " is managed by another Terraform configuration (its nftables_table has another "
                + "owner ID)";
    }

    static String recreated(TableRef table, long recorded, long live) {
        return table.describe() + " was deleted and re-created outside nftkeeper (its kernel handle was " + recorded
                + " when nftkeeper created or adopted it and is " + live + " now)";
    }

    /**
     * Whether {@link #check} needs the tables that exist on the host: only to refuse creating a table that exists
     * and is not managed.
     */
    public static boolean needsExistingTables(Transaction tx, Set<TableRef> managed) {
        for (Command command : tx.commands()) {
            if (command.verb() == Verb.ADD
                    && command.object() instanceof Table
                    && !managed.contains(command.object().table())) {
                return true;
            }
        }
        return false;
    }

    /** The managed tables once {@code tx} has been committed: {@code managed} itself when it adds or removes none. */
    public static Set<TableRef> after(Transaction tx, Set<TableRef> managed) {
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

    /**
     * The claims once {@code tx} has been committed: a table it created (also one nftkeeper managed that had been
     * deleted) is claimed for its owner with its new handle; a table it adds that was recorded without an owner or
     * handle (by 0.1.0) gets what was missing. {@code claims} itself when nothing changes.
     *
     * @param handleBefore the table's handle before the commit (as {@link #check} was given it)
     * @param handleAfter  the table's handle now
     */
    public static Map<TableRef, Claim> claimsAfter(
            Transaction tx,
            Set<TableRef> managedBefore,
            Map<TableRef, Claim> claims,
            Function<TableRef, OptionalLong> handleBefore,
            Function<TableRef, OptionalLong> handleAfter) {
        Map<TableRef, Claim> after = null;
        for (Command command : tx.commands()) {
            if (!(command.object() instanceof Table table) || command.verb() != Verb.ADD) {
                continue;
            }
            TableRef ref = table.table();
            Claim before = managedBefore.contains(ref) ? claims.getOrDefault(ref, Claim.NONE) : Claim.NONE;
            boolean gone = !before.equals(Claim.NONE) && handleBefore.apply(ref).isEmpty();
            if (!gone && before.owner() != null && before.handle() != null) {
                continue;
            }
            String owner =
                    !gone && before.owner() != null ? before.owner() : tx.owner() != null ? tx.owner() : before.owner();
            OptionalLong live = handleAfter.apply(ref);
            Long handle = !gone && before.handle() != null
                    ? before.handle()
                    : live.isPresent() ? Long.valueOf(live.getAsLong()) : null;
            Claim claim = new Claim(owner, handle);
            if (!claim.equals(before)) {
                if (after == null) {
                    after = new TreeMap<>(claims);
                }
                after.put(ref, claim);
            }
        }
        return after == null ? claims : after;
    }
}
