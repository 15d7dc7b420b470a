package io.nftkeeper.provider.resources;

import io.nftkeeper.protocol.NftObject;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ApplyResult;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.Attempt;
import io.nftkeeper.provider.HostAccess;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Applies a change that another change of the same run may be in the way of. Deletes a chain, set, map or named
 * object that rules may still use. Terraform deletes resources in parallel, and
 * when a configuration names its table and objects by literal strings (as {@code -generate-config-out} writes it)
 * in any order: the chain that jumps to a chain may still be on its way out, or the whole table. So while nftables
 * refuses because the object is in use (EBUSY), the delete waits for the table to change and tries again; a table
 * that is gone took the object along (the agent then has nothing to do). It gives up when the table stayed the same
 * for {@link #QUIET_LIMIT}: then rules nobody deletes still use the object. A chain's rules that name an object by
 * its literal name wait the same way for the object to appear. A change refused because it names no owner (its
 * resource names the table by a literal {@code table_id}, so it does not know the table's owner) waits the same way,
 * also for this process to hear the owner from the table's resource (its destroy, which goes on at the same time):
 * a table that is gone took the object along, and another configuration's table stays refused.
 */
final class ConcurrentChanges {

    static final Duration QUIET_LIMIT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(200);

    private ConcurrentChanges() {}

    /** Destroys {@code object} in one apply, waiting as described above; throws the host's last refusal. */
    static void destroy(HostAccess hosts, TableId table, NftObject object) {
        applyWaiting(hosts, table, Transaction.builder().destroy(object).build(), Attempt::inUse);
    }

    /**
     * Applies {@code tx} (a chain's create or update); while the host refuses because something its rules name does
     * not exist yet, waits as above: a rule may name a set or chain by its literal name, which orders nothing, so
     * the resource that creates it may be applied at the same time.
     */
    static ApplyResult applyWhenPresent(HostAccess hosts, TableId table, Transaction tx) {
        return applyWaiting(
                hosts,
                table,
                tx,
                e -> e instanceof AgentException agentError && agentError.code() == ErrorCode.NOT_FOUND);
    }

    private static ApplyResult applyWaiting(
            HostAccess hosts, TableId table, Transaction tx, Predicate<NftkeeperException> worthWaiting) {
        long quietSince = System.nanoTime();
        TableListing seen = null;
        while (true) {
            Transaction sent = hosts.owners().owned(table, tx);
            try {
                return hosts.agent(table.host()).apply(sent);
            } catch (AgentException e) {
                // refused for want of an owner in a table nftkeeper manages, or in one that is gone since (deleted by
                // this run's destroy of the table: the agent then has nothing to do); an unmanaged one stays refused
                boolean ownerUnknown =
                        sent.owner() == null && e.code() == ErrorCode.NOT_OWNED && ownerMayCome(hosts.listing(table));
                if (!worthWaiting.test(e) && !ownerUnknown) {
                    throw e;
                }
                BooleanSupplier ownerHeard =
                        () -> ownerUnknown && hosts.owners().owned(table, tx).owner() != null;
                // the listing is read afresh after any apply of this provider process, cached otherwise
                TableListing now = hosts.listing(table);
                while (now.equals(seen)
                        && !ownerHeard.getAsBoolean()
                        && System.nanoTime() - quietSince < QUIET_LIMIT.toNanos()) {
                    pause();
                    now = hosts.listing(table);
                }
                if (now.equals(seen) && !ownerHeard.getAsBoolean()) {
                    throw e;
                }
                seen = now;
                quietSince = System.nanoTime();
            }
        }
    }

    private static boolean ownerMayCome(TableListing listing) {
        return listing.managed() || !listing.exists();
    }

    /** What to do when rules keep using {@code object}; {@code reference} is how a rule names it by reference. */
    static String hint(String reference) {
        return " Rules of the table still use it, and none of this run's other changes removed them within "
                + QUIET_LIMIT.toSeconds() + " s. Remove or change those rules first; in the rules, name it by "
                + "reference (" + reference + ") so that Terraform deletes the rules before it.";
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new NftkeeperException("interrupted while waiting for the rules that use an object to go");
        }
    }
}
