package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.ModifyPlanRequest;
import io.nftkeeper.framework.resource.ModifyPlanResponse;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.PlanModifiers;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.Limit;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.live.LiveTable;
import java.util.List;
import java.util.Optional;

/**
 * {@code nftables_limit}: a named rate limit of a managed table, which rules use with {@code limit name "l"}. The
 * kernel cannot change a limit in place, so any change replaces it. Rate and burst are nft text; spellings of the
 * same quantity ({@code 1024 bytes/second}, {@code 1 kbytes/second}) are no change.
 */
public final class LimitResource extends TypedObjectResource<LimitResource.State, Limit> {

    static final String KIND = "limit";

    /** The resource's state, attribute for attribute. */
    public record State(String id, String tableId, String name, String rate, String burst, Boolean over)
            implements TableObjectState {

        /** The protocol limit; throws {@link NftkeeperException} with the user's mistake. */
        Limit limit() {
            return LimitRates.limit(table().table(), name, rate, burst, Boolean.TRUE.equals(over));
        }
    }

    public LimitResource() {
        super(new TableObjectKind<>(
                KIND, "nftables_limit", LimitResource::schemaV0, State.class, "ssh", List.of("rate", "burst", "over")));
    }

    public static Schema schemaV0() {
        return Schema.builder()
                .description("A named rate limit of a managed nftables table. Rules use it with "
                        + "`limit name \"<name>\"`: they match while traffic stays within `rate` (plus `burst`), or "
                        + "with `over` only above it. The kernel cannot change a limit in place: any change replaces "
                        + "it, and a limit that rules use cannot be deleted (see the notes below).")
                .attributes(
                        TableObjectAttributes.tableId(KIND, "filter"),
                        TableObjectAttributes.name(
                                KIND, "Limit name, unique among the table's limits. Changing it replaces the limit."),
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
                        TableObjectAttributes.id(KIND))
                .build();
    }

    @Override
    Limit object(State state) {
        return state.limit();
    }

    @Override
    Optional<State> created(State planned, String id, LiveTable listing) {
        return Optional.of(new State(
                id,
                planned.tableId(),
                planned.name(),
                planned.rate(),
                planned.burst(),
                Boolean.TRUE.equals(planned.over())));
    }

    @Override
    Optional<State> listed(State current, LiveTable listing) {
        return listing.limit(current.name()).map(live -> reconcile(current, live));
    }

    @Override
    State imported(NamedObjects.Imported target) {
        Limit live = target.listing().limit(target.name()).orElseThrow();
        return new State(
                target.id(),
                target.table().toString(),
                target.name(),
                LimitRates.rateText(live),
                burstUnlessDefault(live),
                live.over());
    }

    /**
     * Completes the plan: {@code id} from table and name; a burst counted in another unit than the rate is an error
     * on {@code burst} now rather than at apply.
     */
    @Override
    public void modifyPlan(ModifyPlanRequest req, ModifyPlanResponse resp) {
        Value plan = resp.plan();
        super.modifyPlan(req, resp);
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
        } catch (NftkeeperException invalidState) {
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
}
