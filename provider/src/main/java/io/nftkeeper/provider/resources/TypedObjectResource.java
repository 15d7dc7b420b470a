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
import io.nftkeeper.framework.resource.UpdateRequest;
import io.nftkeeper.framework.resource.UpdateResponse;
import io.nftkeeper.protocol.NftObject;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.live.LiveTable;
import java.util.Optional;

/**
 * What nftables_counter, nftables_quota and nftables_limit share: create (an object that must not exist yet), read,
 * delete (one that rules may still use), import and the plan's {@code id}, around each kind's state record
 * {@code S} and its protocol object {@code O}. Unlike the {@link NamedObjectResource} kinds, each has a protocol type
 * and a typed listing of its own, and live values (packets, used) in its state instead of a {@code canonical} text.
 * Every configurable attribute replaces the object unless the kind overrides {@link #update}.
 */
abstract class TypedObjectResource<S extends Record & TableObjectState, O extends NftObject>
        extends TableObjectResource<S> {

    TypedObjectResource(TableObjectKind<S> kind) {
        super(kind);
    }

    /** The protocol object {@code state} declares; throws {@link NftkeeperException} when it is invalid. */
    abstract O object(S state);

    /** The state after {@code planned} was applied, as {@code listing} (right after apply) shows it. */
    abstract Optional<S> created(S planned, String id, LiveTable listing);

    /** The state as the host has it, or empty when {@code listing} has no such object. */
    abstract Optional<S> listed(S current, LiveTable listing);

    /** The state of the object {@code target} names, as listed. */
    abstract S imported(NamedObjects.Imported target);

    @Override
    public void create(CreateRequest req, CreateResponse resp) {
        S planned = state(req.plan());
        TableId table = planned.table();
        resp.setPrivateState(hosts().owners().keep(table, req.privateState()));
        attempt("create", planned)
                .run(
                        resp.diagnostics(),
                        () -> NamedObjects.create(
                                        hosts(), table, kind, object(planned), planned.name(), resp.diagnostics())
                                .flatMap(listing -> created(planned, table + "/" + planned.name(), listing))
                                .ifPresent(state -> resp.setState(state(state))));
    }

    @Override
    public void read(ReadRequest req, ReadResponse resp) {
        S current = state(req.state());
        resp.setPrivateState(hosts().owners().keep(current.table(), req.privateState()));
        attempt("read", current).run(resp.diagnostics(), () -> {
            Optional<S> live = NamedObjects.list(hosts(), current.table()).flatMap(listing -> listed(current, listing));
            if (live.isEmpty()) {
                resp.removeResource();
            } else if (!live.get().equals(current)) {
                resp.setState(state(live.get()));
            }
        });
    }

    /** Never called with a change: every configurable attribute replaces the object. */
    @Override
    public void update(UpdateRequest req, UpdateResponse resp) {
        resp.setState(req.plan());
    }

    @Override
    public void delete(DeleteRequest req, DeleteResponse resp) {
        S current = state(req.state());
        hosts().owners().keep(current.table(), req.privateState());
        attempt("delete", current)
                .run(
                        resp.diagnostics(),
                        () -> NamedObjects.delete(
                                hosts(),
                                current.table(),
                                kind,
                                object(current),
                                current.name(),
                                typeName,
                                resp.diagnostics()));
    }

    @Override
    public void importState(ImportStateRequest req, ImportStateResponse resp) {
        NamedObjects.importTarget(hosts(), req.id(), kind, importExample, resp.diagnostics())
                .ifPresent(target -> target.attempt(kind).run(resp.diagnostics(), () -> {
                    resp.setState(state(imported(target)));
                    resp.setPrivateState(hosts().owners().keep(target.table(), null));
                }));
    }

    /** Completes the plan: {@code id} from table and name, known before apply. */
    @Override
    public void modifyPlan(ModifyPlanRequest req, ModifyPlanResponse resp) {
        keepOwner(req, resp);
        resp.setPlan(TableObjectId.withPlannedId(resp.plan()));
        remember(resp.plan(), this::object);
    }
}
