package io.nftkeeper.agent.rollback;

import io.nftkeeper.agent.nft.NftFailure;
import io.nftkeeper.agent.nft.Nftables;
import io.nftkeeper.agent.state.AuditLog;
import io.nftkeeper.agent.state.BaselineRecorder;
import io.nftkeeper.agent.state.OwnershipRegistry;
import io.nftkeeper.agent.state.TransactionLog;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableRef;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores the tables of an unconfirmed transaction: runs its saved restore batch, gives back ownership and
 * baselines as they were before the transaction, marks it rolled back and forgets the pending rollback.
 */
public final class RollbackRunner {

    private static final Logger LOG = LoggerFactory.getLogger(RollbackRunner.class);

    private final Nftables nftables;
    private final OwnershipRegistry registry;
    private final BaselineRecorder baselines;
    private final TransactionLog transactions;
    private final PendingRollbacks pending;
    private final AuditLog audit;

    public RollbackRunner(
            Nftables nftables,
            OwnershipRegistry registry,
            BaselineRecorder baselines,
            TransactionLog transactions,
            PendingRollbacks pending,
            AuditLog audit) {
        this.nftables = nftables;
        this.registry = registry;
        this.baselines = baselines;
        this.transactions = transactions;
        this.pending = pending;
        this.audit = audit;
    }

    /**
     * Call under the host lock. Does nothing when the transaction is no longer pending (confirmed meanwhile).
     *
     * @return whether it restored anything
     * @throws NftkeeperException when nft refused the restore batch; the pending files stay for the operator
     */
    public boolean rollBack(String txId, String why) {
        if (!pending.isPending(txId)) {
            return false;
        }
        PendingRollbacks.Pending what = pending.read(txId)
                .orElseThrow(() -> new NftkeeperException(
                        "the pending rollback of " + txId + " has no description in " + pending.directory()));
        String script = pending.restoreScript(txId);
        List<String> tables =
                what.tables().stream().map(t -> t.table().describe()).toList();
        try {
            nftables.run(script);
        } catch (NftFailure e) {
            audit.record("rollback", txId, null, tables, "failed: " + e.errorLines(), script);
            LOG.error(
                    "rolling back transaction {} failed; the restore batch stays in {}: {}",
                    txId,
                    pending.directory(),
                    e.getMessage());
            throw new NftkeeperException("rolling back transaction " + txId + " failed: " + e.errorLines(), e);
        }
        Set<TableRef> managed = new TreeSet<>(registry.managed());
        Set<TableRef> before = new TreeSet<>(managed);
        Map<TableRef, OwnershipRegistry.Claim> claims = new TreeMap<>(registry.claims());
        Map<TableRef, OwnershipRegistry.Claim> claimsBefore = Map.copyOf(claims);
        for (PendingRollbacks.TouchedTable touched : what.tables()) {
            if (touched.managed()) {
                managed.add(touched.table());
                // the restore deleted the table and declared it again: the same table to us, with a new handle
                OwnershipRegistry.Claim claim = claims.get(touched.table());
                OptionalLong handle = nftables.tableHandle(touched.table());
                if (claim != null && claim.handle() != null && handle.isPresent()) {
                    claims.put(touched.table(), new OwnershipRegistry.Claim(claim.owner(), handle.getAsLong()));
                }
                baselines.record(touched.table());
            } else {
                managed.remove(touched.table());
                baselines.forget(touched.table());
            }
        }
        if (!managed.equals(before) || !claims.equals(claimsBefore)) {
            registry.save(managed, claims);
        }
        transactions.markRolledBack(txId);
        audit.record("rollback", txId, null, tables, "rolled back: " + why, script);
        LOG.warn("rolled back transaction {} ({}): restored {}", txId, why, String.join(", ", tables));
        pending.discard(txId);
        return true;
    }
}
