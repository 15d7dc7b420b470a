package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.Attempt;
import io.nftkeeper.provider.HostAccess;
import java.time.Duration;
import java.util.Optional;

/** The table an object (chain, set, map, named object) is imported from, checked the same way for every kind. */
final class ImportSource {

    private ImportSource() {}

    /** How long an object's import waits for its table's import in the same run. */
    private static final Duration TABLE_IMPORT_WAIT = Duration.ofSeconds(5);

    /**
     * The listing of {@code table}, or empty with the error of {@code attempt} when the table does not exist or
     * nftkeeper does not manage it and it is not imported in this run: import runs during `terraform plan`, which
     * never writes to the host, so an imported table is adopted only by the apply of its own nftables_table, and an
     * object of a table that is never adopted could never be changed.
     */
    static Optional<TableListing> listing(HostAccess hosts, TableId table, Attempt attempt, Diagnostics diagnostics) {
        TableListing listing = hosts.listing(table);
        if (!listing.exists()) {
            attempt.failed(diagnostics, table.table().describe() + " does not exist on the host.");
            return Optional.empty();
        }
        if (!listing.managed() && !hosts.planned().awaitImporting(table, TABLE_IMPORT_WAIT)) {
            attempt.failed(
                    diagnostics,
                    table.table().describe() + " is not managed by nftkeeper, so nothing in "
                            + "it can be imported on its own: import the table first, into an nftables_table (an import "
                            + "block in the same run, or `terraform import` followed by an apply that adopts it), then what "
                            + "is in it.");
            return Optional.empty();
        }
        return Optional.of(listing);
    }
}
