package io.nftkeeper.transport;

import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AdoptParams;
import io.nftkeeper.protocol.wire.ApplyResult;
import io.nftkeeper.protocol.wire.CheckResult;
import io.nftkeeper.protocol.wire.ElementsParams;
import io.nftkeeper.protocol.wire.ElementsResult;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.ListResult;
import java.util.List;

/**
 * What resources ask of one host's agent: {@link HostAgent} over SSH in production, a fake in the provider's unit
 * tests. Calls fail with {@link io.nftkeeper.protocol.wire.AgentException} as the agent answers them.
 */
public interface AgentCalls {

    String host();

    /** The listings of {@code tables}, in order (possibly cached until the next change through this host). */
    ListResult list(List<TableRef> tables);

    /** Listings read afresh, past any cache. */
    ListResult listAfresh(ListParams params);

    default CheckResult check(Transaction transaction) {
        return check(transaction, List.of());
    }

    /** Dry-runs {@code transaction} as if the existing tables {@code adopting} (being imported) were managed. */
    CheckResult check(Transaction transaction, List<TableRef> adopting);

    ElementsResult elements(ElementsParams params);

    /**
     * An elements {@code CHECK} (a dry run, no change), whose answer depends on the host only through
     * {@code context} (e.g. the digest of the set the caller's state recorded; empty for a check of the elements
     * alone). An implementation may answer with a check of the same request and context the host passed moments
     * ago; a refusal is always asked again.
     */
    default ElementsResult checkElements(ElementsParams params, String context) {
        return elements(params);
    }

    void adopt(AdoptParams params);

    ApplyResult apply(Transaction transaction);
}
