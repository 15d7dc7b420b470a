package io.nftkeeper.agent.rollback;

import io.nftkeeper.agent.nft.Nftables;
import io.nftkeeper.agent.nft.SingleThreadNftables;
import io.nftkeeper.agent.nft.StartupException;
import io.nftkeeper.agent.state.AuditLog;
import io.nftkeeper.agent.state.BaselineRecorder;
import io.nftkeeper.agent.state.BaselineStore;
import io.nftkeeper.agent.state.ElementRecords;
import io.nftkeeper.agent.state.FileSetsTerse;
import io.nftkeeper.agent.state.HostLock;
import io.nftkeeper.agent.state.OwnershipRegistry;
import io.nftkeeper.agent.state.TransactionLog;
import io.nftkeeper.protocol.Identifiers;
import io.nftkeeper.protocol.NftkeeperException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detached process behind a commit-confirmed apply: sleeps, then, under the host lock, restores the
 * transaction's tables if it is still pending. libnftables is loaded only if there is something to restore.
 */
public final class RollbackTimer {

    private static final Logger LOG = LoggerFactory.getLogger(RollbackTimer.class);
    /** Generous: an apply of a huge set may hold the lock for a while; giving up would leave the change in place. */
    private static final Duration LOCK_TIMEOUT = Duration.ofMinutes(10);

    private RollbackTimer() {}

    public static int run(Path stateDir, String txId, long afterSeconds, AuditLog audit) throws InterruptedException {
        Identifiers.checkTransactionId(txId).ifPresent(problem -> {
            throw new StartupException(StartupException.EXIT_USAGE, problem);
        });
        PendingRollbacks pending = new PendingRollbacks(stateDir);
        // The deadline was fixed when the apply committed; our own start-up time must not extend it.
        Instant deadline = pending.read(txId)
                .map(p -> Instant.parse(p.deadline()))
                .orElse(Instant.now().plusSeconds(afterSeconds));
        LOG.info("rollback timer for {}: fires at {}", txId, deadline);
        // loaded before sleeping, so that firing costs only the restore batch
        try (SingleThreadNftables nftables = SingleThreadNftables.open()) {
            long wait = Duration.between(Instant.now(), deadline).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            if (!pending.isPending(txId)) {
                LOG.info("transaction {} was confirmed; nothing to roll back", txId);
                return 0;
            }
            return fire(stateDir, txId, afterSeconds, audit, pending, nftables);
        }
    }

    @SuppressWarnings("try") // the host lock is held for the try block: the resource is never read, only closed
    private static int fire(
            Path stateDir,
            String txId,
            long afterSeconds,
            AuditLog audit,
            PendingRollbacks pending,
            Nftables nftables) {
        try (HostLock.Held held = new HostLock(stateDir).acquire(LOCK_TIMEOUT)) {
            OwnershipRegistry registry = new OwnershipRegistry(stateDir);
            BaselineRecorder baselines = new BaselineRecorder(
                    new FileSetsTerse(nftables, new ElementRecords(stateDir)), new BaselineStore(stateDir));
            boolean restored = new RollbackRunner(
                            nftables, registry, baselines, new TransactionLog(stateDir), pending, audit)
                    .rollBack(txId, "not confirmed within " + afterSeconds + " s");
            if (!restored) {
                LOG.info("transaction {} was confirmed while the timer waited for the lock", txId);
            }
            return 0;
        } catch (NftkeeperException e) {
            LOG.error("rollback of {} failed: {}", txId, e.getMessage());
            return 1;
        }
    }
}
