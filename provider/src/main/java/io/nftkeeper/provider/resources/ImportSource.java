package io.nftkeeper.provider.resources;

import io.nftkeeper.protocol.TableId;
import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.HostAccess;

import java.util.List;
import java.util.Optional;

/** The table an object (chain, set, map, named object) is imported from, checked the same way for every kind. */
final class ImportSource {

    private ImportSource() {
    }

    /**
     * The listing of {@code table}, or empty with an error under {@code failure} when the table does not exist. Whether
     * nftkeeper manages the table does not matter here: import runs during `terraform plan`, which never writes to the
     * host, so an imported table is adopted only by the apply of its own nftables_table (and changes to objects in a
     * table that is never adopted are refused at apply, naming the table).
     */
    static Optional<TableListing> listing(HostAccess hosts, TableId table, String failure, Diagnostics diagnostics) {
        TableListing listing = hosts.agent(table.host()).list(List.of(table.table())).tables().get(0);
        if (!listing.exists()) {
            diagnostics.addError(failure, table.table().describe() + " does not exist on the host.");
            return Optional.empty();
        }
        return Optional.of(listing);
    }
}
