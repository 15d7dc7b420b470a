package io.nftkeeper.agent.rpc;

import io.nftkeeper.agent.rollback.PendingRollbacks;
import io.nftkeeper.agent.state.TransactionLog;
import io.nftkeeper.protocol.Identifiers;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.TxStatusParams;
import io.nftkeeper.protocol.wire.TxStatusResult;

/** Whether a transaction id was committed; reads without the host lock (the files are replaced atomically). */
final class TxStatusOperation {

    private final TransactionLog transactions;
    private final PendingRollbacks pending;

    TxStatusOperation(TransactionLog transactions, PendingRollbacks pending) {
        this.transactions = transactions;
        this.pending = pending;
    }

    TxStatusResult handle(TxStatusParams params) {
        Identifiers.checkTransactionId(params.txId()).ifPresent(problem -> {
            throw new AgentException(ErrorCode.INVALID, null, problem);
        });
        return transactions
                .find(params.txId())
                .map(entry -> new TxStatusResult(true, pending.isPending(entry.txId()), entry.rolledBack()))
                .orElseGet(TxStatusResult::unknown);
    }
}
