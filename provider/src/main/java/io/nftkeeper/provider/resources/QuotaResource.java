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
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.Quota;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.live.LiveQuota;
import io.nftkeeper.provider.HostAccess;
import io.nftkeeper.provider.NftValidators;
import java.util.List;
import java.util.Optional;

/**
 * {@code nftables_quota}: a named quota of a managed table, which rules use with {@code quota name "q"}. Changing
 * its bytes or mode is one apply that changes it in place, keeping what was used. {@code used} is read from the
 * host's listing without resetting it; it is a live value, never drift.
 */
public final class QuotaResource
        implements Resource, ResourceWithConfigure, ResourceWithImportState, ResourceWithModifyPlan {

    static final String KIND = "quota";

    /** The resource's state, attribute for attribute. */
    public record State(String id, String tableId, String name, Long bytes, Boolean over, Long used) {

        TableId table() {
            return TableId.parse(tableId).orElseThrow();
        }

        Quota quota() {
            return new Quota(table().table(), name, bytes, Boolean.TRUE.equals(over));
        }

        /** The state as the host has it: the live bytes and mode (drift when they differ) and what was used. */
        State withLive(String newId, LiveQuota live) {
            return new State(
                    newId, tableId, name, live.quota().bytes(), live.quota().over(), live.used());
        }
    }

    private HostAccess hosts;

    @Override
    public String typeName() {
        return "nftables_quota";
    }

    public static Schema schemaV0() {
        return Schema.builder()
                .description("A named quota of a managed nftables table. Rules use it with `quota name \"<name>\"`: "
                        + "they match until `bytes` bytes passed through the quota (or, with `over`, only after). "
                        + "`used` shows the live value, read without resetting it; its change is never drift.")
                .attributes(
                        Attribute.string("table_id")
                                .required()
                                .validators(NftValidators.tableId())
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("The `id` of the `nftables_table` this quota belongs to "
                                        + "(`<host>/<family>/<table>`), e.g. `nftables_table.filter.id`. Changing it "
                                        + "replaces the quota."),
                        Attribute.string("name")
                                .required()
                                .validators(NftValidators.identifier("quota"))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Quota name, unique among the table's quotas. Changing it replaces the "
                                        + "quota (whose `used` starts again at zero)."),
                        Attribute.number("bytes")
                                .required()
                                .validators(Validators.between(0, Long.MAX_VALUE))
                                .description("The quota in bytes, e.g. `500 * 1024 * 1024` (nft lists it as "
                                        + "`500 mbytes`). Changed in place; `used` is kept."),
                        Attribute.bool("over")
                                .optional()
                                .computed()
                                .defaultValue(Value.bool(false))
                                .description("`false` (nft's `until`, the default): rules match while less than "
                                        + "`bytes` were used. `true` (nft's `over`): they match once more was used. "
                                        + "Changed in place."),
                        Attribute.number("used")
                                .computed()
                                .description("Bytes used so far, as read at the last refresh."),
                        Attribute.string("id")
                                .computed()
                                .planModifiers(PlanModifiers.useStateForUnknown())
                                .description("`<host>/<family>/<table>/<quota>`; also the import ID."))
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
            Quota quota = planned.quota();
            NamedObjects.create(hosts, table, KIND, quota, planned.name(), resp.diagnostics())
                    .flatMap(listing -> listing.quota(planned.name()))
                    .ifPresent(live -> resp.setState(state(afterApply(planned, live))));
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot create quota " + planned.name() + " in " + table, e.getMessage());
        }
    }

    @Override
    public void read(ReadRequest req, ReadResponse resp) {
        State current = Values.toRecord(req.state(), State.class);
        TableId table = current.table();
        try {
            Optional<LiveQuota> live = NamedObjects.list(hosts, table).flatMap(l -> l.quota(current.name()));
            if (live.isEmpty()) {
                resp.removeResource();
                return;
            }
            resp.setState(state(current.withLive(current.id(), live.get())));
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot read quota " + current.name() + " in " + table, e.getMessage());
        }
    }

    /** Adding an existing quota changes its bytes and mode in place and keeps {@code used} (one apply). */
    @Override
    public void update(UpdateRequest req, UpdateResponse resp) {
        State planned = Values.toRecord(req.plan(), State.class);
        TableId table = planned.table();
        try {
            Quota quota = planned.quota();
            hosts.agent(table.host())
                    .apply(hosts.owners()
                            .owned(table, Transaction.builder().add(quota).build()));
            NamedObjects.listedAfterApply(hosts, table, KIND, quota, planned.name(), resp.diagnostics())
                    .flatMap(listing -> listing.quota(planned.name()))
                    .ifPresent(live -> {
                        if (live.quota().equals(quota)) {
                            resp.setState(state(afterApply(planned, live)));
                        } else {
                            // kernels without quota updates accept the add and ignore it
                            resp.diagnostics()
                                    .addError(
                                            "Cannot change " + quota.describe() + " in place on " + table.host(),
                                            "The host's kernel accepted the change but still lists "
                                                    + describe(live.quota())
                                                    + ": it cannot update quotas in place. Replace the quota instead: "
                                                    + "`terraform apply -replace=<address>`.");
                        }
                    });
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot update quota " + planned.name() + " in " + table, e.getMessage());
        }
    }

    @Override
    public void delete(DeleteRequest req, DeleteResponse resp) {
        State current = Values.toRecord(req.state(), State.class);
        TableId table = current.table();
        try {
            NamedObjects.delete(hosts, table, KIND, current.quota(), current.name(), typeName(), resp.diagnostics());
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot delete quota " + current.name() + " in " + table, e.getMessage());
        }
    }

    @Override
    public void importState(ImportStateRequest req, ImportStateResponse resp) {
        try {
            NamedObjects.importTarget(hosts, req.id(), KIND, "monthly", resp.diagnostics())
                    .ifPresent(target -> {
                        LiveQuota live = target.listing().quota(target.name()).orElseThrow();
                        resp.setState(state(new State(null, target.table().toString(), target.name(), null, null, null)
                                .withLive(target.id(), live)));
                    });
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot import quota \"" + req.id() + "\"", e.getMessage());
        }
    }

    /** Completes the plan: {@code id} from table and name, known before apply. */
    @Override
    public void modifyPlan(ModifyPlanRequest req, ModifyPlanResponse resp) {
        resp.setPlan(TableObjectId.withPlannedId(resp.plan()));
        if (hosts != null) {
            hosts.planned().remember(resp.plan(), State.class, List.of("bytes", "over"), State::quota);
        }
    }

    /** The planned state with the id and the live {@code used}. */
    private static State afterApply(State planned, LiveQuota live) {
        return new State(
                planned.table() + "/" + planned.name(),
                planned.tableId(),
                planned.name(),
                planned.bytes(),
                Boolean.TRUE.equals(planned.over()),
                live.used());
    }

    private static String describe(Quota quota) {
        return (quota.over() ? "over " : "") + quota.bytes() + " bytes";
    }

    private Value state(State state) {
        return Values.fromRecord(schema().objectType(), state);
    }
}
