package io.nftkeeper.agent.rpc;

import io.nftkeeper.agent.nft.FailingCommandLocator;
import io.nftkeeper.agent.nft.NftFailure;
import io.nftkeeper.agent.nft.Nftables;
import io.nftkeeper.agent.state.OwnershipRegistry;
import io.nftkeeper.agent.state.OwnershipRules;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.CheckParams;
import io.nftkeeper.protocol.wire.CheckResult;
import io.nftkeeper.protocol.wire.ErrorCode;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dry-runs a transaction: the same ownership rules and the same errors as apply, nothing changed. Takes no host
 * lock because it changes nothing; its verdict may be stale by the time the transaction is applied.
 */
final class CheckOperation {

    private final Nftables nftables;
    private final OwnershipRegistry registry;
    private final FailingCommandLocator locator;

    CheckOperation(Nftables nftables, OwnershipRegistry registry) {
        this.nftables = nftables;
        this.registry = registry;
        this.locator = new FailingCommandLocator(nftables);
    }

    CheckResult handle(CheckParams params) {
        Transaction tx = params.transaction();
        if (tx == null || tx.isEmpty()) {
            throw new AgentException(ErrorCode.INVALID, null, "the transaction has no commands");
        }
        Set<TableRef> existing = nftables.tables();
        Set<TableRef> managed = registry.managed();
        if (!params.adopting().isEmpty()) {
            // an import planned with this change: its apply adopts the table first (adopting needs it to exist)
            managed = new TreeSet<>(managed);
            params.adopting().stream().filter(existing::contains).forEach(managed::add);
        }
        OwnershipRules.check(
                tx,
                managed,
                registry.claims(),
                existing,
                ApplyOperation.memoized(nftables::tableHandle),
                OwnershipRules.OwnerNeeded.NO);
        try {
            nftables.dryRun(tx.toScript());
        } catch (NftFailure e) {
            throw locator.explain(tx, e, true);
        }
        return CheckResult.passed();
    }
}
