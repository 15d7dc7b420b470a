package io.nftkeeper.agent;

import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.AdoptParams;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import java.util.Set;
import java.util.TreeSet;

/**
 * Import: takes an existing table under management and records its current state as the drift baseline.
 * Adopting a managed table again changes only the baseline: it accepts the live state as the new reference.
 */
final class AdoptOperation {

    private final Nftables nftables;
    private final OwnershipRegistry registry;
    private final HostLock lock;
    private final BaselineRecorder baselines;
    private final AuditLog audit;

    AdoptOperation(Nftables nftables, OwnershipRegistry registry, HostLock lock, BaselineRecorder baselines,
                   AuditLog audit) {
        this.audit = audit;
        this.nftables = nftables;
        this.registry = registry;
        this.lock = lock;
        this.baselines = baselines;
    }

    @SuppressWarnings("try") // the host lock is held for the try block: the resource is never read, only closed
    void handle(AdoptParams params, String client) {
        TableRef table = params.table();
        if (table == null) {
            throw new AgentException(ErrorCode.INVALID, null, "adopt needs a table");
        }
        try (HostLock.Held held = lock.acquire(ApplyOperation.lockTimeout(params.lockTimeoutMs()))) {
            if (!nftables.tables().contains(table)) {
                audit.record("adopt", null, client, java.util.List.of(table.describe()), "failed: NOT_FOUND", null);
                throw new AgentException(ErrorCode.NOT_FOUND, table.describe(),
                        table.describe() + " does not exist on this host, so it cannot be imported");
            }
            Set<TableRef> managed = new TreeSet<>(registry.managed());
            if (managed.add(table)) {
                registry.save(managed);
            }
            baselines.record(table);
            audit.record("adopt", null, client, java.util.List.of(table.describe()), "adopted", null);
        }
    }
}
