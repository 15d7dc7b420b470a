package io.nftkeeper.agent.rpc;

import io.nftkeeper.agent.nft.Nftables;
import io.nftkeeper.agent.state.AuditLog;
import io.nftkeeper.agent.state.BaselineRecorder;
import io.nftkeeper.agent.state.HostLock;
import io.nftkeeper.agent.state.OwnershipRegistry;
import io.nftkeeper.agent.state.OwnershipRules;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.AdoptParams;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Import: takes an existing table under management and records its current state as the drift baseline.
 * Adopting a managed table again changes only the baseline: it accepts the live state as the new reference.
 * The table is claimed for the adopting owner with its current kernel handle; a table another owner manages is
 * adopted only when the client takes it over on purpose, and a claim on a table since re-created outside nftkeeper
 * no longer counts (the adopted table is the new one).
 */
final class AdoptOperation {

    private final Nftables nftables;
    private final OwnershipRegistry registry;
    private final HostLock lock;
    private final BaselineRecorder baselines;
    private final AuditLog audit;

    AdoptOperation(
            Nftables nftables, OwnershipRegistry registry, HostLock lock, BaselineRecorder baselines, AuditLog audit) {
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
                throw new AgentException(
                        ErrorCode.NOT_FOUND,
                        table.describe(),
                        table.describe() + " does not exist on this host, so it cannot be imported");
            }
            Set<TableRef> managed = new TreeSet<>(registry.managed());
            OptionalLong handle = nftables.tableHandle(table);
            OwnershipRegistry.Claim claim =
                    managed.contains(table) ? registry.claim(table) : OwnershipRegistry.Claim.NONE;
            boolean sameTable = claim.handle() == null || handle.isEmpty() || claim.handle() == handle.getAsLong();
            if (sameTable
                    && params.owner() != null
                    && claim.owner() != null
                    && !claim.owner().equals(params.owner())
                    && !params.takesOver()) {
                audit.record("adopt", null, client, List.of(table.describe()), "failed: NOT_OWNED", null);
                throw new AgentException(
                        ErrorCode.NOT_OWNED,
                        table.describe(),
                        OwnershipRules.anotherOwner(table) + ", so it is not imported. "
                                + OwnershipRules.TAKEOVER_HINT);
            }
            OwnershipRegistry.Claim adopted = new OwnershipRegistry.Claim(
                    params.owner() != null ? params.owner() : sameTable ? claim.owner() : null,
                    handle.isPresent() ? Long.valueOf(handle.getAsLong()) : claim.handle());
            if (managed.add(table) || !adopted.equals(claim)) {
                Map<TableRef, OwnershipRegistry.Claim> claims = new TreeMap<>(registry.claims());
                claims.put(table, adopted);
                registry.save(managed, claims);
            }
            baselines.record(table);
            audit.record(
                    "adopt",
                    null,
                    client,
                    List.of(table.describe()),
                    claim.owner() != null && !claim.owner().equals(adopted.owner())
                            ? "taken over from another owner"
                            : "adopted",
                    null);
        }
    }
}
