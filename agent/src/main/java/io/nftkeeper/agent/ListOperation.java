package io.nftkeeper.agent;

import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.ListResult;
import io.nftkeeper.protocol.wire.TableListing;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Lists requested tables; an absent table is an answer (exists=false), not an error. */
final class ListOperation {

    private final Nftables nftables;
    private final OwnershipRegistry registry;

    ListOperation(Nftables nftables, OwnershipRegistry registry) {
        this.nftables = nftables;
        this.registry = registry;
    }

    ListResult handle(ListParams params) {
        Set<TableRef> managed = registry.managed();
        List<TableListing> listings = new ArrayList<>();
        for (TableRef table : params.tables()) {
            boolean isManaged = managed.contains(table);
            listings.add(nftables.listTable(table)
                    .map(ruleset -> TableListing.present(table, isManaged, ruleset))
                    .orElseGet(() -> TableListing.absent(table, isManaged)));
        }
        return new ListResult(listings);
    }
}
