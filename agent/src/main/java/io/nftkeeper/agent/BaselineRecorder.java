package io.nftkeeper.agent;

import io.nftkeeper.protocol.Command;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records baselines after the kernel accepted a change. Runs under the host lock, after the commit: a failure
 * here must not turn a committed apply into an error, so it is logged and the stale baseline removed (drift then
 * says {@code no_baseline} instead of reporting nftkeeper's own change as drift).
 */
final class BaselineRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(BaselineRecorder.class);

    private final Nftables nftables;
    private final BaselineStore store;

    BaselineRecorder(Nftables nftables, BaselineStore store) {
        this.nftables = nftables;
        this.store = store;
    }

    /** For every table {@code tx} touched: the new baseline if still managed, else none. */
    void recordAfterCommit(Transaction tx, Set<TableRef> managedAfter) {
        Set<TableRef> touched = new TreeSet<>();
        for (Command command : tx.commands()) {
            touched.add(command.object().table());
        }
        for (TableRef table : touched) {
            if (managedAfter.contains(table)) {
                record(table);
            } else {
                forget(table);
            }
        }
    }

    void record(TableRef table) {
        try {
            nftables.listTable(table).ifPresentOrElse(
                    listing -> store.record(table, listing),
                    () -> store.forget(table));
        } catch (NftkeeperException e) {
            LOG.warn("could not record the baseline of {}: {}", table.describe(), e.getMessage());
            forget(table);
        }
    }

    void forget(TableRef table) {
        try {
            store.forget(table);
        } catch (NftkeeperException e) {
            LOG.warn("could not remove the baseline of {}: {}", table.describe(), e.getMessage());
        }
    }
}
