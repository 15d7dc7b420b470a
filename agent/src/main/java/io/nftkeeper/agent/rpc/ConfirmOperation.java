package io.nftkeeper.agent.rpc;

import io.nftkeeper.agent.rollback.PendingRollbacks;
import io.nftkeeper.agent.rollback.RollbackTimers;
import io.nftkeeper.agent.state.AuditLog;
import io.nftkeeper.agent.state.HostLock;
import io.nftkeeper.agent.state.TransactionLog;
import io.nftkeeper.protocol.Identifiers;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ConfirmParams;
import io.nftkeeper.protocol.wire.ErrorCode;
import java.util.List;

/**
 * Keeps a commit-confirmed transaction: removes its pending rollback under the host lock (so the timer, which
 * takes the same lock, either already restored or will find nothing to do) and ends its timer early.
 */
final class ConfirmOperation {

    private final HostLock lock;
    private final PendingRollbacks pending;
    private final TransactionLog transactions;
    private final RollbackTimers timers;
    private final AuditLog audit;

    ConfirmOperation(
            HostLock lock,
            PendingRollbacks pending,
            TransactionLog transactions,
            RollbackTimers timers,
            AuditLog audit) {
        this.lock = lock;
        this.pending = pending;
        this.transactions = transactions;
        this.timers = timers;
        this.audit = audit;
    }

    @SuppressWarnings("try") // the host lock is held for the try block: the resource is never read, only closed
    void handle(ConfirmParams params, String client) {
        String txId = params.txId();
        Identifiers.checkTransactionId(txId).ifPresent(problem -> {
            throw new AgentException(ErrorCode.INVALID, null, problem);
        });
        try (HostLock.Held held = lock.acquire(ApplyOperation.lockTimeout(params.lockTimeoutMs()))) {
            if (pending.isPending(txId)) {
                var what = pending.read(txId);
                pending.discard(txId);
                List<String> tables = what.map(p -> p.tables().stream()
                                .map(t -> t.table().describe())
                                .toList())
                        .orElse(List.of());
                audit.record("confirm", txId, client, tables, "confirmed", null);
                what.map(PendingRollbacks.Pending::timerPid).ifPresent(pid -> timers.stop(txId, pid));
                return;
            }
            var entry = transactions
                    .find(txId)
                    .orElseThrow(() -> new AgentException(
                            ErrorCode.NOT_FOUND,
                            null,
                            "no transaction " + txId + " was committed on this host (among the last "
                                    + TransactionLog.CAPACITY + ")"));
            if (entry.rolledBack()) {
                audit.record("confirm", txId, client, List.of(), "refused: already rolled back", null);
                throw new AgentException(
                        ErrorCode.INVALID,
                        null,
                        "transaction " + txId + " was already rolled back " + "because it was not confirmed in time");
            }
            // committed without (or already past) a pending rollback: nothing to keep
        }
    }
}
