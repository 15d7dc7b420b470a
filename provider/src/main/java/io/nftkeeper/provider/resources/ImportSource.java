package io.nftkeeper.provider.resources;

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
     * The listing of {@code table}, or empty with an error under {@code failure} when the table does not exist. A
     * table nftkeeper does not manage yet is only a warning: Terraform runs import blocks in parallel, so the
     * table's own import may still be on its way; if it never comes, every apply to the object is refused.
     */
    static Optional<TableListing> listing(HostAccess hosts, TableId table, String failure, Diagnostics diagnostics) {
        TableListing listing = hosts.agent(table.host()).list(List.of(table.table())).tables().get(0);
        if (!listing.exists()) {
            diagnostics.addError(failure, table.table().describe() + " does not exist on the host.");
            return Optional.empty();
        }
        if (!listing.managed()) {
            diagnostics.addWarning(table.table().describe() + " is not managed by nftkeeper",
                    "Import the table as an nftables_table too (`" + table + "`); until then every change to "
                            + "objects in it is refused.");
        }
        return Optional.of(listing);
    }
}
