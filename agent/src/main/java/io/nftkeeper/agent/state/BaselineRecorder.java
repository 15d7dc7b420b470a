package io.nftkeeper.agent.state;

import io.nftkeeper.agent.nft.Nftables;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records baselines after the kernel accepted a change. Runs under the host lock, after the commit (for applies:
 * deferred, see {@link StaleBaselines}): a failure here must not turn a committed change into an error, so it is
 * logged and the stale baseline removed (drift then says {@code no_baseline} instead of reporting nftkeeper's own
 * change as drift).
 */
public final class BaselineRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(BaselineRecorder.class);

    private final Nftables nftables;
    private final BaselineStore store;

    public BaselineRecorder(Nftables nftables, BaselineStore store) {
        this.nftables = nftables;
        this.store = store;
    }

    public void record(TableRef table) {
        try {
            nftables.listTable(table)
                    .ifPresentOrElse(
                            listing -> store.record(table, listing, nftables.ruleTexts(table)),
                            () -> store.forget(table));
        } catch (NftkeeperException e) {
            LOG.warn("could not record the baseline of {}: {}", table.describe(), e.getMessage());
            forget(table);
        }
    }

    public void forget(TableRef table) {
        try {
            store.forget(table);
        } catch (NftkeeperException e) {
            LOG.warn("could not remove the baseline of {}: {}", table.describe(), e.getMessage());
        }
    }
}
