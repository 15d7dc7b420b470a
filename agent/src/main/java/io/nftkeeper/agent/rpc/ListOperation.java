package io.nftkeeper.agent.rpc;

import io.nftkeeper.agent.nft.LiveTables;
import io.nftkeeper.agent.nft.LiveTables.ListedWhileChanging;
import io.nftkeeper.agent.nft.Nftables;
import io.nftkeeper.agent.state.OwnershipRegistry;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.ListResult;
import io.nftkeeper.protocol.wire.TableListing;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Lists requested tables, or every table on the host (reading needs no ownership), typed ({@link LiveTables}, with
 * counter values when asked) and as text; an absent table is an answer (exists=false), not an error. The agent is
 * the one reader of nft's output: clients get the typed model.
 */
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
        List<TableRef> tables = params.listsAll() ? List.copyOf(nftables.tables()) : params.tables();
        for (TableRef table : tables) {
            boolean isManaged = managed.contains(table);
            TableListing listing = listing(table, isManaged, params.listsCounters());
            listings.add(params.listsClaims() && isManaged && claimed(table) ? listing.asClaimed() : listing);
        }
        return new ListResult(listings);
    }

    /**
     * Whether an owner claims {@code table} and it is still the claimed table (not deleted and re-created by hand,
     * which binds nobody): what an import at plan must know, without learning the owner ID.
     */
    private boolean claimed(TableRef table) {
        OwnershipRegistry.Claim claim = registry.claim(table);
        if (claim.owner() == null) {
            return false;
        }
        OptionalLong live = nftables.tableHandle(table);
        return live.isPresent() && (claim.handle() == null || claim.handle() == live.getAsLong());
    }

    private TableListing listing(TableRef table, boolean managed, boolean withCounters) {
        try {
            return listOnce(table, managed, withCounters);
        } catch (ListedWhileChanging e) {
            // someone changed a chain between the two listings: once more, then the error stands
            return listOnce(table, managed, withCounters);
        }
    }

    // both listings present, or the table vanished between them: reported absent rather than half-listed
    private TableListing listOnce(TableRef table, boolean managed, boolean withCounters) {
        return nftables.listTableAndText(table, withCounters)
                .map(both -> TableListing.present(
                        table, managed, LiveTables.of(table, both.text(), both.json()), both.text()))
                .orElseGet(() -> TableListing.absent(table, managed));
    }

    /**
     * What {@code list} answers right after {@code tx} for the tables it touched, in the order of their first
     * command: the read-back of an apply, in the same answer.
     */
    List<TableListing> readBack(Transaction tx) {
        Set<TableRef> touched = new LinkedHashSet<>();
        tx.commands().forEach(command -> touched.add(command.object().table()));
        return handle(new ListParams(List.copyOf(touched))).tables();
    }
}
