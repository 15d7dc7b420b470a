package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.protocol.NftObject;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.live.ObjectReference;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.Attempt;
import io.nftkeeper.provider.HostAccess;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The steps nftables_counter, nftables_quota, nftables_limit and the {@link NamedObjectResource} kinds share: listing their table, creating an object that
 * must not exist yet, deleting one that rules may still use, and checking an import ID. {@code kind} is nft's
 * keyword ("counter", "quota", "limit", "ct helper", ...).
 */
final class NamedObjects {

    private NamedObjects() {}

    /** The table's named objects as listed now, or empty when the table does not exist. */
    static Optional<LiveTable> list(HostAccess hosts, TableId table) {
        TableListing listing = listing(hosts, table);
        return listing.exists() ? Optional.of(listing.live()) : Optional.empty();
    }

    /**
     * Adds {@code object} in one apply unless it already exists (then: import it) or its table is missing, and returns
     * the listing right after; empty with an error diagnostic otherwise.
     */
    static Optional<LiveTable> create(
            HostAccess hosts, TableId table, String kind, NftObject object, String name, Diagnostics diagnostics) {
        Attempt attempt = Attempt.to("create", object.describe(), table.host());
        Optional<LiveTable> before = list(hosts, table);
        if (before.isEmpty()) {
            attempt.failed(diagnostics, table.table().describe() + " does not exist on the host.");
            return Optional.empty();
        }
        if (before.get().contains(kind, name)) {
            attempt.failed(
                    diagnostics,
                    "The " + kind + " already exists on the host. Import it: `terraform import " + "<address> " + table
                            + "/" + name + "`.");
            return Optional.empty();
        }
        hosts.agent(table.host())
                .apply(hosts.owners()
                        .owned(table, Transaction.builder().add(object).build()));
        return listedAfterApply(hosts, table, kind, object, name, diagnostics);
    }

    /** The listing right after an apply that must have left {@code object} on the host. */
    static Optional<LiveTable> listedAfterApply(
            HostAccess hosts, TableId table, String kind, NftObject object, String name, Diagnostics diagnostics) {
        Optional<LiveTable> after = list(hosts, table);
        if (after.isEmpty() || !after.get().contains(kind, name)) {
            diagnostics.addError(
                    "Unexpected listing of " + object.describe() + " after apply",
                    "The apply succeeded, but the host does not list the " + kind + " (someone removed it at the "
                            + "same time?). Run `terraform apply` again.");
            return Optional.empty();
        }
        return after;
    }

    /**
     * Removes {@code object} in one apply; one already gone is simply gone. nftables refuses to delete a named object
     * that a rule uses (EBUSY): the delete waits for this run's other deletes ({@link ConcurrentChanges}), and if rules
     * keep using it, the error names them and how to order the change (the in-use hook of the delete's
     * {@link Attempt}).
     */
    static void delete(
            HostAccess hosts,
            TableId table,
            String kind,
            NftObject object,
            String name,
            String typeName,
            Diagnostics diagnostics) {
        Optional<LiveTable> listing = list(hosts, table);
        if (listing.isEmpty() || !listing.get().contains(kind, name)) {
            return;
        }
        Attempt.to("delete", object.describe(), table.host())
                .whenInUse(message -> list(hosts, table)
                        .flatMap(l -> stillUsed(l, kind, name, typeName))
                        .orElse(message + " " + orderingHint(kind, name, typeName)))
                .run(diagnostics, () -> ConcurrentChanges.destroy(hosts, table, object));
    }

    /** Which rules of {@code listing} still use the {@code kind} named {@code name}, and what to do; empty if none. */
    static Optional<String> stillUsed(LiveTable listing, String kind, String name, String typeName) {
        List<ObjectReference> users = listing.referencesTo(kind, name);
        if (users.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Rules still use it: "
                + users.stream()
                        .map(r -> "chain " + r.chain() + " (rule handle " + r.handle() + ")")
                        .collect(Collectors.joining(", "))
                + ". " + orderingHint(kind, name, typeName));
    }

    private static String orderingHint(String kind, String name, String typeName) {
        return "nftables cannot delete a " + kind + " while a rule uses it. Change those rules first and apply, then "
                + "remove the " + kind + " in a later apply: Terraform deletes a " + kind + " it no longer manages "
                + "before it updates the chains that used it (a reference such as `\"${" + typeName
                + ".<label>.name}\"` "
                + "in a rule only orders `terraform destroy`). To change a " + kind + " that rules use, add "
                + "the new one under another name than \"" + name + "\" and apply, point the rules at it and apply, "
                + "then remove the old one.";
    }

    /** The table and name an import ID names, with the table's listing; empty with an error diagnostic otherwise. */
    static Optional<Imported> importTarget(
            HostAccess hosts, String id, String kind, String example, Diagnostics diagnostics) {
        Optional<String> problem = TableObjectId.problem(id, hosts.defaultHost(), kind, example);
        if (problem.isPresent()) {
            diagnostics.addError("Invalid import ID \"" + id + "\"", problem.get());
            return Optional.empty();
        }
        TableObjectId objectId = TableObjectId.parse(id, hosts.defaultHost()).orElseThrow();
        TableId table = objectId.table();
        Attempt attempt = Attempt.toImport(objectId.describe(kind), table.host());
        return attempt.get(diagnostics, () -> ImportSource.listing(hosts, table, attempt, diagnostics))
                .flatMap(listing -> listing)
                .flatMap(listing -> {
                    LiveTable objects = listing.live();
                    if (!objects.contains(kind, objectId.name())) {
                        attempt.failed(
                                diagnostics,
                                "The " + kind + " does not exist in "
                                        + table.table().describe() + ".");
                        return Optional.empty();
                    }
                    return Optional.of(new Imported(table, objectId.name(), objects));
                });
    }

    record Imported(TableId table, String name, LiveTable listing) {

        String id() {
            return table + "/" + name;
        }

        /** Importing this {@code kind} of object from its host. */
        Attempt attempt(String kind) {
            return Attempt.toImport(new TableObjectId(table, name).describe(kind), table.host());
        }
    }

    private static TableListing listing(HostAccess hosts, TableId table) {
        TableListing listing = hosts.listing(table);
        if (listing.exists() && listing.live() == null) {
            throw new NftkeeperException("the agent on the host listed "
                    + table.table().describe() + " without its typed listing; it predates this provider");
        }
        return listing;
    }
}
