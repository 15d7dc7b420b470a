package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.path.Path;
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
import io.nftkeeper.protocol.Limit;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.provider.HostAccess;
import io.nftkeeper.provider.NftValidators;
import java.util.List;
import java.util.Optional;

/**
 * {@code nftables_limit}: a named rate limit of a managed table, which rules use with {@code limit name "l"}. The
 * kernel cannot change a limit in place, so any change replaces it. Rate and burst are nft text; spellings of the
 * same quantity ({@code 1024 bytes/second}, {@code 1 kbytes/second}) are no change.
 */
public final class LimitResource
        implements Resource, ResourceWithConfigure, ResourceWithImportState, ResourceWithModifyPlan {

    static final String KIND = "limit";

    /** The resource's state, attribute for attribute. */
    public record State(String id, String tableId, String name, String rate, String burst, Boolean over) {

        TableId table() {
            return TableId.parse(tableId).orElseThrow();
        }

        /** The protocol limit; throws {@link IllegalArgumentException} with the user's mistake. */
        Limit limit() {
            return LimitRates.limit(table().table(), name, rate, burst, Boolean.TRUE.equals(over));
        }
    }

    private HostAccess hosts;

    @Override
    public String typeName() {
        return "nftables_limit";
    }

    public static Schema schemaV0() {
        return Schema.builder()
                .description("A named rate limit of a managed nftables table. Rules use it with "
                        + "`limit name \"<name>\"`: they match while traffic stays within `rate` (plus `burst`), or "
                        + "with `over` only above it. The kernel cannot change a limit in place: any change replaces "
                        + "it, and a limit that rules use cannot be deleted (see the notes below).")
                .attributes(
                        Attribute.string("table_id")
                                .required()
                                .validators(NftValidators.tableId())
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("The `id` of the `nftables_table` this limit belongs to "
                                        + "(`<host>/<family>/<table>`), e.g. `nftables_table.filter.id`. Changing it "
                                        + "replaces the limit."),
                        Attribute.string("name")
                                .required()
                                .validators(NftValidators.identifier("limit"))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Limit name, unique among the table's limits. Changing it replaces the "
                                        + "limit."),
                        Attribute.string("rate")
                                .required()
                                .validators((path, value, diagnostics) -> {
                                    if (LimitRates.rate(value.asString()).isEmpty()) {
                                        diagnostics.addAttributeError(
                                                path, "Invalid rate", LimitRates.rateHelp(value.asString()));
                                    }
                                })
                                .semanticEquality((a, b) -> LimitRates.sameRate(a.asString(), b.asString()))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Packets or bytes per time unit in nft syntax: `10/second`, "
                                        + "`100/minute`, `1000/hour`, `5/day`, `1/week`, or `512 bytes/second`, "
                                        + "`64 kbytes/second`, `1 mbytes/second`. Spellings of the same rate are no "
                                        + "change; another rate replaces the limit."),
                        Attribute.string("burst")
                                .optional()
                                .validators((path, value, diagnostics) -> {
                                    if (LimitRates.burst(value.asString()).isEmpty()) {
                                        diagnostics.addAttributeError(
                                                path, "Invalid burst", LimitRates.burstHelp(value.asString()));
                                    }
                                })
                                .semanticEquality((a, b) -> LimitRates.sameBurst(a.asString(), b.asString()))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("How far traffic may exceed the rate at once: `N packets` for a packet "
                                        + "rate, `N bytes`/`kbytes`/`mbytes` for a byte rate. Defaults to nft's: "
                                        + "`5 packets` for packet rates, none for byte rates. Changing it replaces "
                                        + "the limit."),
                        Attribute.bool("over")
                                .optional()
                                .computed()
                                .defaultValue(Value.bool(false))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("`true`: rules match traffic above the rate (to drop it) instead of "
                                        + "within it. Changing it replaces the limit."),
                        Attribute.string("id")
                                .computed()
                                .planModifiers(PlanModifiers.useStateForUnknown())
                                .description("`<host>/<family>/<table>/<limit>`; also the import ID."))
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
            Limit limit = planned.limit();
            NamedObjects.create(hosts, table, KIND, limit, planned.name(), resp.diagnostics())
                    .ifPresent(listing -> resp.setState(state(new State(
                            table + "/" + planned.name(),
                            planned.tableId(),
                            planned.name(),
                            planned.rate(),
                            planned.burst(),
                            Boolean.TRUE.equals(planned.over())))));
        } catch (IllegalArgumentException | NftkeeperException e) {
            resp.diagnostics().addError("Cannot create limit " + planned.name() + " in " + table, e.getMessage());
        }
    }

    @Override
    public void read(ReadRequest req, ReadResponse resp) {
        State current = Values.toRecord(req.state(), State.class);
        TableId table = current.table();
        try {
            Optional<Limit> live = NamedObjects.list(hosts, table).flatMap(l -> l.limit(current.name()));
            if (live.isEmpty()) {
                resp.removeResource();
                return;
            }
            State reconciled = reconcile(current, live.get());
            if (!reconciled.equals(current)) {
                resp.setState(state(reconciled));
            }
        } catch (IllegalArgumentException | NftkeeperException e) {
            resp.diagnostics().addError("Cannot read limit " + current.name() + " in " + table, e.getMessage());
        }
    }

    /** Never called with a change: every configurable attribute replaces the limit (the kernel cannot update one). */
    @Override
    public void update(UpdateRequest req, UpdateResponse resp) {
        resp.setState(req.plan());
    }

    @Override
    public void delete(DeleteRequest req, DeleteResponse resp) {
        State current = Values.toRecord(req.state(), State.class);
        TableId table = current.table();
        try {
            NamedObjects.delete(hosts, table, KIND, current.limit(), current.name(), typeName(), resp.diagnostics());
        } catch (IllegalArgumentException | NftkeeperException e) {
            resp.diagnostics().addError("Cannot delete limit " + current.name() + " in " + table, e.getMessage());
        }
    }

    @Override
    public void importState(ImportStateRequest req, ImportStateResponse resp) {
        try {
            NamedObjects.importTarget(hosts, req.id(), KIND, "ssh", resp.diagnostics())
                    .ifPresent(target -> {
                        Limit live = target.listing().limit(target.name()).orElseThrow();
                        resp.setState(state(new State(
                                target.id(),
                                target.table().toString(),
                                target.name(),
                                LimitRates.rateText(live),
                                burstUnlessDefault(live),
                                live.over())));
                    });
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot import limit \"" + req.id() + "\"", e.getMessage());
        }
    }

    /**
     * Completes the plan: {@code id} from table and name; a burst counted in another unit than the rate is an error
     * on {@code burst} now rather than at apply.
     */
    @Override
    public void modifyPlan(ModifyPlanRequest req, ModifyPlanResponse resp) {
        Value plan = resp.plan();
        resp.setPlan(TableObjectId.withPlannedId(plan));
        if (hosts != null) {
            hosts.planned().remember(resp.plan(), State.class, List.of("rate", "burst", "over"), State::limit);
        }
        if (plan.isNull()
                || !plan.get("rate").isKnown()
                || !plan.get("burst").isKnown()
                || plan.get("burst").isNull()) {
            return;
        }
        var rate = LimitRates.rate(plan.get("rate").asString());
        var burst = LimitRates.burst(plan.get("burst").asString());
        if (rate.isPresent()
                && burst.isPresent()
                && rate.get().unit() != burst.get().unit()) {
            resp.diagnostics()
                    .addAttributeError(
                            Path.root("burst"),
                            "Invalid burst",
                            "burst \"" + plan.get("burst").asString() + "\" counts "
                                    + burst.get().unit().nftName()
                                    + " but rate \"" + plan.get("rate").asString() + "\" counts "
                                    + rate.get().unit().nftName()
                                    + ".");
        }
    }

    /**
     * The state as the host has it: {@code current} itself when the live limit acts the same (nft's default burst
     * equals no burst); otherwise the live rate, burst and mode, which is real drift: in nft's spelling where they
     * differ from what was stored, in the stored spelling where they do not, so the plan shows only what changed.
     */
    static State reconcile(State current, Limit live) {
        Limit stored;
        try {
            stored = current.limit();
        } catch (IllegalArgumentException | NftkeeperException invalidState) {
            stored = null;
        }
        if (stored != null && LimitRates.sameEffect(stored, live)) {
            return current;
        }
        String rate = LimitRates.sameRate(current.rate(), LimitRates.rateText(live))
                ? current.rate()
                : LimitRates.rateText(live);
        String burst = current.burst() == null ? burstUnlessDefault(live) : LimitRates.burstText(live);
        if (burst != null && current.burst() != null && LimitRates.sameBurst(current.burst(), burst)) {
            burst = current.burst();
        }
        return new State(current.id(), current.tableId(), current.name(), rate, burst, live.over());
    }

    /** The listed burst, or null when it is nft's default (a configuration without burst lists that way). */
    private static String burstUnlessDefault(Limit live) {
        Limit withoutBurst =
                new Limit(live.table(), live.name(), live.rate(), live.unit(), live.per(), null, live.over());
        return LimitRates.effectiveBurst(live) == LimitRates.effectiveBurst(withoutBurst)
                ? null
                : LimitRates.burstText(live);
    }

    private Value state(State state) {
        return Values.fromRecord(schema().objectType(), state);
    }
}
