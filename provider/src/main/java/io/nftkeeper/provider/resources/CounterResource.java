package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.resource.CreateRequest;
import io.nftkeeper.framework.resource.CreateResponse;
import io.nftkeeper.framework.resource.DeleteRequest;
import io.nftkeeper.framework.resource.DeleteResponse;
import io.nftkeeper.framework.resource.ImportStateRequest;
import io.nftkeeper.framework.resource.ImportStateResponse;
import io.nftkeeper.framework.resource.ModifyPlanRequest;
import io.nftkeeper.framework.resource.ModifyPlanResponse;
import io.nftkeeper.framework.resource.ReadRequest;
import io.nftkeeper.framework.resource.ReadResponse;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.resource.ResourceWithConfigure;
import io.nftkeeper.framework.resource.ResourceWithImportState;
import io.nftkeeper.framework.resource.ResourceWithModifyPlan;
import io.nftkeeper.framework.resource.UpdateRequest;
import io.nftkeeper.framework.resource.UpdateResponse;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.PlanModifiers;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.Counter;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.live.LiveCounter;
import io.nftkeeper.provider.HostAccess;
import io.nftkeeper.provider.NftValidators;
import java.util.List;
import java.util.Optional;

/**
 * {@code nftables_counter}: a named counter of a managed table, which rules count into with {@code counter name "c"}.
 * Its packets and bytes are read from the host's listing without resetting them; they are live values, never drift.
 */
public final class CounterResource
        implements Resource, ResourceWithConfigure, ResourceWithImportState, ResourceWithModifyPlan {

    static final String KIND = "counter";

    /** The resource's state, attribute for attribute. */
    public record State(String id, String tableId, String name, Long packets, Long bytes) {

        TableId table() {
            return TableId.parse(tableId).orElseThrow();
        }

        Counter counter() {
            return new Counter(table().table(), name);
        }

        State withLive(String newId, LiveCounter live) {
            return new State(newId, tableId, name, live.packets(), live.bytes());
        }
    }

    private HostAccess hosts;

    @Override
    public String typeName() {
        return "nftables_counter";
    }

    public static Schema schemaV0() {
        return Schema.builder()
                .description("A named counter of a managed nftables table. Rules count into it with "
                        + "`counter name \"<name>\"`. `packets` and `bytes` show the live values, read without "
                        + "resetting them; their change is never drift.")
                .attributes(
                        Attribute.string("table_id")
                                .required()
                                .validators(NftValidators.tableId())
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("The `id` of the `nftables_table` this counter belongs to "
                                        + "(`<host>/<family>/<table>`), e.g. `nftables_table.filter.id`. Changing it "
                                        + "replaces the counter."),
                        Attribute.string("name")
                                .required()
                                .validators(NftValidators.identifier("counter"))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Counter name, unique among the table's counters. Changing it replaces "
                                        + "the counter (which starts again at zero)."),
                        Attribute.number("packets")
                                .computed()
                                .description("Packets counted so far, as read at the last refresh."),
                        Attribute.number("bytes")
                                .computed()
                                .description("Bytes counted so far, as read at the last refresh."),
                        Attribute.string("id")
                                .computed()
                                .planModifiers(PlanModifiers.useStateForUnknown())
                                .description("`<host>/<family>/<table>/<counter>`; also the import ID."))
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
        TableId table = planned.table();
        try {
            Counter counter = planned.counter();
            NamedObjects.create(hosts, table, KIND, counter, planned.name(), resp.diagnostics())
                    .flatMap(listing -> listing.counter(planned.name()))
                    .ifPresent(live -> resp.setState(state(planned.withLive(table + "/" + planned.name(), live))));
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot create counter " + planned.name() + " in " + table, e.getMessage());
        }
    }

    @Override
    public void read(ReadRequest req, ReadResponse resp) {
        State current = Values.toRecord(req.state(), State.class);
        TableId table = current.table();
        try {
            Optional<LiveCounter> live = NamedObjects.list(hosts, table).flatMap(l -> l.counter(current.name()));
            if (live.isEmpty()) {
                resp.removeResource();
                return;
            }
            resp.setState(state(current.withLive(current.id(), live.get())));
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot read counter " + current.name() + " in " + table, e.getMessage());
        }
    }

    /** Never called with a change: every configurable attribute replaces the counter. */
    @Override
    public void update(UpdateRequest req, UpdateResponse resp) {
        resp.setState(req.plan());
    }

    @Override
    public void delete(DeleteRequest req, DeleteResponse resp) {
        State current = Values.toRecord(req.state(), State.class);
        TableId table = current.table();
        try {
            NamedObjects.delete(hosts, table, KIND, current.counter(), current.name(), typeName(), resp.diagnostics());
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot delete counter " + current.name() + " in " + table, e.getMessage());
        }
    }

    @Override
    public void importState(ImportStateRequest req, ImportStateResponse resp) {
        try {
            NamedObjects.importTarget(hosts, req.id(), KIND, "hits", resp.diagnostics())
                    .ifPresent(target -> {
                        LiveCounter live =
                                target.listing().counter(target.name()).orElseThrow();
                        resp.setState(state(new State(
                                target.id(), target.table().toString(), target.name(), live.packets(), live.bytes())));
                    });
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot import counter \"" + req.id() + "\"", e.getMessage());
        }
    }

    /** Completes the plan: {@code id} from table and name, known before apply. */
    @Override
    public void modifyPlan(ModifyPlanRequest req, ModifyPlanResponse resp) {
        resp.setPlan(TableObjectId.withPlannedId(resp.plan()));
        if (hosts != null) {
            hosts.planned().remember(resp.plan(), State.class, List.of(), State::counter);
        }
    }

    private Value state(State state) {
        return Values.fromRecord(schema().objectType(), state);
    }
}
