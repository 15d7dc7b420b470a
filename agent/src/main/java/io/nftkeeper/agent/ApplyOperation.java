package io.nftkeeper.agent;

import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ApplyParams;
import io.nftkeeper.protocol.wire.ApplyResult;
import io.nftkeeper.protocol.wire.ErrorCode;
import java.time.Duration;
import java.util.Set;

/**
 * Applies a transaction as one nft batch after checking that it only touches tables nftkeeper owns, then records
 * which tables it now owns. Ownership is recorded only after the kernel accepted the whole batch. The host lock
 * is held from reading the registry to recording the new baselines, so concurrent agents cannot lose each other's
 * tables, and a baseline is what this apply left behind.
 */
final class ApplyOperation {

    private final Nftables nftables;
    private final OwnershipRegistry registry;
    private final HostLock lock;
    private final BaselineRecorder baselines;
    private final FailingCommandLocator locator;

    ApplyOperation(Nftables nftables, OwnershipRegistry registry, HostLock lock, BaselineRecorder baselines) {
        this.nftables = nftables;
        this.registry = registry;
        this.lock = lock;
        this.baselines = baselines;
        this.locator = new FailingCommandLocator(nftables);
    }

    ApplyResult handle(ApplyParams params) {
        Transaction tx = params.transaction();
        if (tx == null || tx.isEmpty()) {
            throw new AgentException(ErrorCode.INVALID, null, "the transaction has no commands");
        }
        try (HostLock.Held held = lock.acquire(lockTimeout(params.lockTimeoutMs()))) {
            Set<TableRef> managed = registry.managed();
            OwnershipRules.check(tx, managed, nftables.tables());
            String script = tx.toScript();
            try {
                nftables.run(script);
            } catch (NftFailure e) {
                throw locator.explain(tx, e, false);
            }
            Set<TableRef> after = OwnershipRules.after(tx, managed);
            registry.save(after);
            baselines.recordAfterCommit(tx, after);
            return new ApplyResult(script);
        }
    }

    static Duration lockTimeout(Long millis) {
        if (millis == null) {
            return HostLock.DEFAULT_TIMEOUT;
        }
        if (millis < 0) {
            throw new AgentException(ErrorCode.INVALID, null, "lockTimeoutMs must not be negative");
        }
        return Duration.ofMillis(millis);
    }
}
