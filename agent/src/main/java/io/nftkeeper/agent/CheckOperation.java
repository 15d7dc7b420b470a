package io.nftkeeper.agent;

import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.CheckParams;
import io.nftkeeper.protocol.wire.CheckResult;
import io.nftkeeper.protocol.wire.ErrorCode;

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
        OwnershipRules.check(tx, registry.managed(), nftables.tables());
        try {
            nftables.dryRun(tx.toScript());
        } catch (NftFailure e) {
            throw locator.explain(tx, e, true);
        }
        return CheckResult.passed();
    }
}
