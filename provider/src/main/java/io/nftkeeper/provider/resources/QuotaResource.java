package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.resource.UpdateRequest;
import io.nftkeeper.framework.resource.UpdateResponse;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.Quota;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.live.LiveQuota;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.provider.HostAccess;
import java.util.List;
import java.util.Optional;

/**
 * {@code nftables_quota}: a named quota of a managed table, which rules use with {@code quota name "q"}. Changing
 * its bytes or mode is one apply that changes it in place, keeping what was used. {@code used} is read from the
 * host's listing without resetting it; it is a live value, never drift.
 */
public final class QuotaResource extends TypedObjectResource<QuotaResource.State, Quota> {

    static final String KIND = "quota";

    /** The resource's state, attribute for attribute. */
    public record State(String id, String tableId, String name, Long bytes, Boolean over, Long used)
            implements TableObjectState {

        Quota quota() {
            return new Quota(table().table(), name, bytes, Boolean.TRUE.equals(over));
        }

        /** The state as the host has it: the live bytes and mode (drift when they differ) and what was used. */
        State withLive(String newId, LiveQuota live) {
            return new State(
                    newId, tableId, name, live.quota().bytes(), live.quota().over(), live.used());
        }
    }

    public QuotaResource() {
        super(new TableObjectKind<>(
                KIND, "nftables_quota", QuotaResource::schemaV0, State.class, "monthly", List.of("bytes", "over")));
    }

    public static Schema schemaV0() {
        return Schema.builder()
                .description("A named quota of a managed nftables table. Rules use it with `quota name \"<name>\"`: "
                        + "they match until `bytes` bytes passed through the quota (or, with `over`, only after). "
                        + "`used` shows the live value, read without resetting it; its change is never drift.")
                .attributes(
                        TableObjectAttributes.tableId(KIND, "filter"),
                        TableObjectAttributes.name(
                                KIND,
                                "Quota name, unique among the table's quotas. Changing it replaces the quota (whose "
                                        + "`used` starts again at zero)."),
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
                        TableObjectAttributes.id(KIND))
                .build();
    }

    @Override
    Quota object(State state) {
        return state.quota();
    }

    @Override
    Optional<State> created(State planned, String id, LiveTable listing) {
        return listing.quota(planned.name()).map(live -> afterApply(planned, live));
    }

    @Override
    Optional<State> listed(State current, LiveTable listing) {
        return listing.quota(current.name()).map(live -> current.withLive(current.id(), live));
    }

    @Override
    State imported(NamedObjects.Imported target) {
        LiveQuota live = target.listing().quota(target.name()).orElseThrow();
        return new State(null, target.table().toString(), target.name(), null, null, null).withLive(target.id(), live);
    }

    /** Adding an existing quota changes its bytes and mode in place and keeps {@code used} (one apply). */
    @Override
    public void update(UpdateRequest req, UpdateResponse resp) {
        State planned = Values.toRecord(req.plan(), State.class);
        TableId table = planned.table();
        HostAccess hosts = hosts();
        resp.setPrivateState(hosts.owners().keep(table, req.privateState()));
        attempt("update", planned).run(resp.diagnostics(), () -> {
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
        });
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
}
