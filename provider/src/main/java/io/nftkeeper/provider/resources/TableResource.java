package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.resource.CreateRequest;
import io.nftkeeper.framework.resource.CreateResponse;
import io.nftkeeper.framework.resource.DeleteRequest;
import io.nftkeeper.framework.resource.DeleteResponse;
import io.nftkeeper.framework.resource.ImportStateRequest;
import io.nftkeeper.framework.resource.ImportStateResponse;
import io.nftkeeper.framework.resource.ReadRequest;
import io.nftkeeper.framework.resource.ReadResponse;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.resource.ResourceWithConfigure;
import io.nftkeeper.framework.resource.ResourceWithImportState;
import io.nftkeeper.framework.resource.UpdateRequest;
import io.nftkeeper.framework.resource.UpdateResponse;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.PlanModifiers;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Identifiers;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.HostAccess;
import io.nftkeeper.provider.NftValidators;

import java.util.List;

/** {@code nftables_table}: one nftables table on the host, created, adopted (import) and deleted as a whole. */
public final class TableResource implements Resource, ResourceWithConfigure, ResourceWithImportState {

    /** The resource's state, attribute for attribute. */
    public record State(String id, String family, String name) {
        Table table() {
            return new Table(Family.parse(family).orElseThrow(), name);
        }

        static State of(String host, Table table) {
            return new State(host + "/" + table.family().nftName() + "/" + table.name(), table.family().nftName(),
                    table.name());
        }
    }

    private HostAccess hosts;

    @Override
    public String typeName() {
        return "nftables_table";
    }

    public static Schema schemaV0() {
        return Schema.builder()
                .description("An nftables table on the host. Only tables created by this resource or imported into it "
                        + "are ever changed; other tables on the host (kube-proxy, docker, firewalld) are never touched.")
                .attributes(
                        Attribute.string("family").required()
                                .validators(NftValidators.family())
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Address family: one of `" + String.join("`, `", NftValidators.FAMILIES)
                                        + "`."),
                        Attribute.string("name").required()
                                .validators(NftValidators.identifier("table name"))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Table name, unique per family on the host."),
                        Attribute.string("id").computed()
                                .planModifiers(PlanModifiers.useStateForUnknown())
                                .description("`<host>/<family>/<name>`; also the import ID."))
                .build();
    }

    @Override
    public Schema schema() {
        return schemaV0();
    }

    @Override
    public void configure(Object providerData) {
        this.hosts = (HostAccess) providerData;
    }

    @Override
    public void create(CreateRequest req, CreateResponse resp) {
        State planned = Values.toRecord(req.plan(), State.class);
        Table table = planned.table();
        try {
            hosts.agent().apply(Transaction.builder().add(table).build());
            resp.setState(state(State.of(hosts.host(), table)));
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot create " + table.describe() + " on " + hosts.host(), e.getMessage());
        }
    }

    @Override
    public void read(ReadRequest req, ReadResponse resp) {
        State current = Values.toRecord(req.state(), State.class);
        Table table = current.table();
        try {
            TableListing listing = hosts.agent().list(List.of(table.table())).tables().get(0);
            if (!listing.exists()) {
                resp.removeResource();
            }
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot read " + table.describe() + " on " + hosts.host(), e.getMessage());
        }
    }

    @Override
    public void update(UpdateRequest req, UpdateResponse resp) {
        // Unreachable in practice: every configurable attribute requires replacement, so Terraform never updates.
        resp.setState(req.plan());
    }

    @Override
    public void delete(DeleteRequest req, DeleteResponse resp) {
        Table table = Values.toRecord(req.state(), State.class).table();
        try {
            // destroy, not delete: a table someone already removed by hand is simply gone, not an error.
            hosts.agent().apply(Transaction.builder().destroy(table).build());
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot delete " + table.describe() + " on " + hosts.host(), e.getMessage());
        }
    }

    @Override
    public void importState(ImportStateRequest req, ImportStateResponse resp) {
        String[] parts = req.id().split("/", -1);
        boolean withHost = parts.length == 3;
        if (parts.length < 2 || parts.length > 3) {
            resp.diagnostics().addError("Invalid import ID \"" + req.id() + "\"",
                    "Expected `<host>/<family>/<name>` or `<family>/<name>`, e.g. `web1/inet/filter`.");
            return;
        }
        String family = parts[withHost ? 1 : 0];
        String name = parts[withHost ? 2 : 1];
        if (withHost && !parts[0].equals(hosts.host())) {
            resp.diagnostics().addError("Import ID names another host",
                    "\"" + req.id() + "\" names host " + parts[0] + ", but this provider manages " + hosts.host() + ".");
            return;
        }
        if (Family.parse(family).isEmpty()) {
            resp.diagnostics().addError("Invalid import ID \"" + req.id() + "\"",
                    "Unknown family \"" + family + "\": expected one of " + String.join(", ", NftValidators.FAMILIES) + ".");
            return;
        }
        var invalidName = Identifiers.check("table name", name);
        if (invalidName.isPresent()) {
            resp.diagnostics().addError("Invalid import ID \"" + req.id() + "\"", invalidName.get());
            return;
        }
        TableRef table = new TableRef(Family.parse(family).orElseThrow(), name);
        try {
            hosts.agent().adopt(table);
            resp.setState(state(State.of(hosts.host(), Table.of(table))));
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot import " + table.describe() + " from " + hosts.host(), e.getMessage());
        }
    }

    private Value state(State state) {
        return Values.fromRecord(schema().objectType(), state);
    }

}
