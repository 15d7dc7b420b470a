package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.diag.Diagnostics;
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
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Identifiers;
import io.nftkeeper.protocol.InvalidObjectDefinitionException;
import io.nftkeeper.protocol.ScriptText;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableFlag;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.wire.AdoptParams;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.Attempt;
import io.nftkeeper.provider.HostsConfigured;
import io.nftkeeper.provider.NftValidators;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code nftables_table}: one nftables table on the host, created, adopted (import) and deleted as a whole. */
public final class TableResource extends HostsConfigured
        implements Resource, ResourceWithConfigure, ResourceWithImportState, ResourceWithModifyPlan {

    /** The resource's state, attribute for attribute. */
    public record State(
            String id,
            String host,
            String family,
            String name,
            Set<String> flags,
            String comment,
            Boolean managed,
            String owner,
            Boolean takeover) {
        Table table() {
            List<TableFlag> tableFlags = flags == null
                    ? List.of()
                    : flags.stream()
                            .map(flag -> TableFlag.parse(flag).orElseThrow())
                            .toList();
            return new Table(Family.parse(family).orElseThrow(), name, tableFlags, comment);
        }

        /** State written before resources had a {@code host} names it only in the id. */
        String hostOrFromId() {
            return host != null ? host : id.substring(0, id.indexOf('/'));
        }

        static State of(String host, Table table, boolean managed) {
            return new State(
                    new TableId(host, table.table()).toString(),
                    host,
                    table.family().nftName(),
                    table.name(),
                    table.flags().stream().map(TableFlag::nftName).collect(Collectors.toSet()),
                    table.comment(),
                    managed,
                    null,
                    null);
        }

        /** This state with the flags and comment the host lists for the table (which may be drift). */
        State as(LiveTable live) {
            return new State(
                    id, host, family, name, Set.copyOf(live.flags()), live.comment(), managed, owner, takeover);
        }

        /** This state managed for {@code owner}, with {@code takeover} as configured. */
        State ownedBy(String owner, Boolean takeover) {
            return new State(id, host, family, name, flags, comment, managed, owner, takeover);
        }

        TableId tableId() {
            return new TableId(hostOrFromId(), table().table());
        }
    }

    private static final List<String> FLAGS =
            Arrays.stream(TableFlag.values()).map(TableFlag::nftName).toList();

    @Override
    public String typeName() {
        return "nftables_table";
    }

    public static Schema schemaV0() {
        return Schema.builder()
                .description(
                        "An nftables table on the host. Only tables created by this resource or imported into it "
                                + "are ever changed; other tables on the host (kube-proxy, docker, firewalld) are never touched.")
                .attributes(
                        Attribute.string("family")
                                .required()
                                .validators(NftValidators.family())
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Address family: one of `" + String.join("`, `", NftValidators.FAMILIES)
                                        + "`."),
                        Attribute.string("name")
                                .required()
                                .validators(NftValidators.identifier("table"))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Table name, unique per family on the host."),
                        Attribute.set("flags", Type.STRING)
                                .optional()
                                .computed()
                                .defaultValue(Value.set(Type.STRING, List.of()))
                                .validators(Validators.eachElement(Validators.oneOf(FLAGS.toArray(String[]::new))))
                                .description("Table flags: `" + String.join("`, `", FLAGS) + "` (nft 1.0.6 knows no "
                                        + "others we can keep; `owner` tables vanish with their process). A dormant "
                                        + "table's base chains see no packets. Changes in place: adding `dormant` "
                                        + "puts the table to sleep, removing it wakes the table."),
                        Attribute.string("comment")
                                .optional()
                                .validators(TableResource::validComment)
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Table comment, at most " + ScriptText.MAX_COMMENT_BYTES + " bytes, "
                                        + "without `\"`. nft cannot change a table's comment in place: "
                                        + "changing it replaces the table, and with it everything inside."),
                        Attribute.string("host")
                                .optional()
                                .computed()
                                .description("Address or DNS name of the host this table lives on. Defaults to the "
                                        + "provider's `host`; changing it (or the provider's default) replaces the "
                                        + "table. The provider's connection settings apply to every host."),
                        Attribute.string("id")
                                .computed()
                                .planModifiers(PlanModifiers.useStateForUnknown())
                                .description("`<host>/<family>/<name>` (a `/` in the name written `%2F`); also the "
                                        + "import ID."),
                        Attribute.bool("takeover")
                                .optional()
                                .description("Take the table over from another Terraform configuration that manages "
                                        + "it: without it, creating, importing or destroying a table that another "
                                        + "configuration's `nftables_table` manages is refused. Takes effect at the "
                                        + "apply that creates or adopts the table (an import, or the first apply "
                                        + "of state written by 0.1.0); the other configuration's changes to the "
                                        + "table are refused from then on."),
                        Attribute.string("owner")
                                .computed()
                                .description("Random ID of this configuration's ownership of the table, made by the "
                                        + "apply that creates or adopts it and recorded by the agent on the host; "
                                        + "changes to the table and to everything in it are refused for any other "
                                        + "owner. Known after the first apply (state written by 0.1.0 gets one at "
                                        + "its next apply)."),
                        Attribute.bool("managed")
                                .computed()
                                .description("Whether nftkeeper's agent on the host manages the table: `true` once "
                                        + "created or adopted. An imported table is `false` until the apply that "
                                        + "adopts it (`terraform plan` never writes to the host, so importing only "
                                        + "plans the adoption, shown as this attribute changing to `true`)."))
                .build();
    }

    @Override
    public Schema schema() {
        return schemaV0();
    }

    @Override
    public void create(CreateRequest req, CreateResponse resp) {
        State planned = Values.toRecord(req.plan(), State.class);
        Table table = planned.table();
        String host = planned.host();
        String owner = TableOwners.newOwner();
        Attempt.to("create", table.describe(), host).run(resp.diagnostics(), () -> {
            // only from another configuration: a table nftkeeper does not manage is imported, never taken over
            TableListing existing =
                    Boolean.TRUE.equals(planned.takeover()) ? hosts().listing(new TableId(host, table.table())) : null;
            if (existing != null && existing.exists() && existing.managed()) {
                hosts().agent(host).adopt(new AdoptParams(table.table(), owner, true));
            }
            hosts().agent(host).apply(Transaction.builder().add(table).build().onBehalfOf(owner));
            State created = State.of(host, table, true).ownedBy(owner, planned.takeover());
            hosts().owners().learn(created.tableId(), owner);
            resp.setState(state(created));
        });
    }

    @Override
    public void read(ReadRequest req, ReadResponse resp) {
        State current = Values.toRecord(req.state(), State.class);
        Table table = current.table();
        String host = current.hostOrFromId();
        Attempt.to("read", table.describe(), host).run(resp.diagnostics(), () -> {
            TableListing listing = hosts().listing(new TableId(host, table.table()));
            if (!listing.exists()) {
                resp.removeResource();
                return;
            }
            hosts().owners().learn(current.tableId(), current.owner());
            State live = State.of(host, Table.of(table.table()), listing.managed())
                    .ownedBy(current.owner(), current.takeover())
                    .as(listing.live());
            if (!live.equals(current)) {
                resp.setState(state(live));
            }
        });
    }

    /**
     * Adopts an imported table (the first apply after its import) or one that has no owner ID yet (state written by
     * 0.1.0) for a new owner ID, then changes {@code flags} in place: {@code add table} of an existing table sets
     * them (none wakes it).
     */
    @Override
    public void update(UpdateRequest req, UpdateResponse resp) {
        State planned = Values.toRecord(req.plan(), State.class);
        State prior = Values.toRecord(req.state(), State.class);
        Table table = planned.table();
        String host = planned.host();
        String owner =
                prior.owner() != null && Boolean.TRUE.equals(prior.managed()) ? prior.owner() : TableOwners.newOwner();
        Attempt.to("update", table.describe(), host).run(resp.diagnostics(), () -> {
            if (!owner.equals(prior.owner())) {
                hosts().agent(host)
                        .adopt(new AdoptParams(table.table(), owner, Boolean.TRUE.equals(planned.takeover())));
            }
            if (!Objects.equals(planned.flags(), prior.flags())) {
                hosts().agent(host)
                        .apply(Transaction.builder().add(table).build().onBehalfOf(owner));
            }
            State updated = State.of(host, table, true).ownedBy(owner, planned.takeover());
            hosts().owners().learn(updated.tableId(), owner);
            resp.setState(state(updated));
        });
    }

    @Override
    public void delete(DeleteRequest req, DeleteResponse resp) {
        State current = Values.toRecord(req.state(), State.class);
        Table table = current.table();
        String host = current.hostOrFromId();
        // the objects in it that wait for their owner (literal table IDs) then carry it
        hosts().owners().learn(current.tableId(), current.owner());
        // destroy, not delete: a table someone already removed by hand is simply gone, not an error.
        Attempt.to("delete", table.describe(), host)
                .run(
                        resp.diagnostics(),
                        () -> hosts().agent(host)
                                .apply(Transaction.builder()
                                        .destroy(table)
                                        .build()
                                        .onBehalfOf(current.owner())));
    }

    @Override
    public void importState(ImportStateRequest req, ImportStateResponse resp) {
        String[] parts = req.id().split("/", -1);
        boolean withHost = parts.length == 3;
        if (parts.length < 2 || parts.length > 3) {
            resp.diagnostics()
                    .addError(
                            "Invalid import ID \"" + req.id() + "\"",
                            "Expected `<host>/<family>/<name>` or `<family>/<name>`, e.g. `web1/inet/filter`; write a `/` "
                                    + "in the name as `%2F`.");
            return;
        }
        String family = parts[withHost ? 1 : 0];
        String name = TableId.decode(parts[withHost ? 2 : 1]);
        var importHost = withHost ? Optional.of(parts[0]).filter(h -> !h.isBlank()) : hosts().defaultHost();
        if (importHost.isEmpty()) {
            resp.diagnostics()
                    .addError(
                            "Import ID names no host",
                            "\"" + req.id()
                                    + "\" has no host and the provider sets none: use `<host>/<family>/<name>`.");
            return;
        }
        String host = importHost.get();
        if (Family.parse(family).isEmpty()) {
            resp.diagnostics()
                    .addError(
                            "Invalid import ID \"" + req.id() + "\"",
                            "Unknown family \"" + family + "\": expected one of "
                                    + String.join(", ", NftValidators.FAMILIES) + ".");
            return;
        }
        var invalidName = Identifiers.check("table", name);
        if (invalidName.isPresent()) {
            resp.diagnostics().addError("Invalid import ID \"" + req.id() + "\"", invalidName.get());
            return;
        }
        TableRef table = new TableRef(Family.parse(family).orElseThrow(), name);
        Attempt attempt = Attempt.toImport(table.describe(), host);
        attempt.run(resp.diagnostics(), () -> {
            // only read: import runs during `terraform plan`, which never writes to a host; the apply adopts it
            TableListing listing = hosts().listing(new TableId(host, table));
            if (!listing.exists()) {
                attempt.failed(
                        resp.diagnostics(),
                        table.describe() + " does not exist on " + host + ", so it cannot be imported.");
                return;
            }
            if (!listing.managed()) {
                hosts().planned().importing(new TableId(host, table));
            }
            resp.setState(
                    state(State.of(host, Table.of(table), listing.managed()).as(listing.live())));
        });
    }

    /**
     * Plans {@code host} as configured, else as the provider's default, so the plan shows where the table goes; a
     * different host is another table, hence a replacement. A new table's {@code id} is planned from host, family
     * and name, so the resources inside it know their family at plan (a hook the family lacks fails the plan, not
     * the apply).
     */
    @Override
    public void modifyPlan(ModifyPlanRequest req, ModifyPlanResponse resp) {
        if (!resp.plan().isNull()) {
            // created or adopted by this plan's apply; kept (no diff) when already managed
            resp.setPlan(resp.plan().with("managed", Value.bool(true)));
            State prior = req.state().isNull() ? null : Values.toRecord(req.state(), State.class);
            if (prior != null && prior.owner() != null && Boolean.TRUE.equals(prior.managed())) {
                if (hosts() != null) {
                    hosts().owners().learn(prior.tableId(), prior.owner());
                }
                resp.setPlan(resp.plan().with("owner", Value.string(prior.owner())));
            } else {
                // made by the apply that creates or adopts the table, never by a plan
                resp.setPlan(resp.plan().with("owner", Value.unknown(Type.STRING)));
            }
        }
        Value configured = req.config().get("host");
        if (configured.isUnknown() || hosts() == null) {
            // the host is only known at apply (or the provider's configuration is): plan it unknown
            return;
        }
        Optional<String> host = host(configured, "No host to manage", resp.diagnostics());
        if (host.isEmpty()) {
            return;
        }
        Value planned = Value.string(host.get());
        resp.setPlan(resp.plan().with("host", planned));
        refuseAnotherOwnersImport(req, resp, host.get());
        Value prior =
                req.state().isNull() ? Value.nullOf(Type.STRING) : req.state().get("host");
        if (!prior.isNull() && !prior.equals(planned)) {
            resp.requiresReplace(Path.root("host"));
        }
        Value family = resp.plan().get("family");
        Value name = resp.plan().get("name");
        if (family.isKnown()
                && name.isKnown()
                && Family.parse(family.asString()).isPresent()) {
            // the id is host, family and name: known now, also for the new table of a replacement
            String id = new TableId(
                            host.get(),
                            new TableRef(Family.parse(family.asString()).orElseThrow(), name.asString()))
                    .toString();
            resp.setPlan(resp.plan().with("id", Value.string(id)));
            if (req.state().isNull() || !id.equals(req.state().get("id").asString())) {
                hosts().planned().planTable(id);
            }
        }
    }

    /**
     * A table imported here that another configuration manages is refused at plan, as its adoption would be at
     * apply, unless this configuration takes it over on purpose. Read only: the agent says whether an owner claims
     * the table, never which.
     */
    private void refuseAnotherOwnersImport(ModifyPlanRequest req, ModifyPlanResponse resp, String host) {
        if (req.state().isNull() || resp.plan().isNull()) {
            return;
        }
        State imported = Values.toRecord(req.state(), State.class);
        Value takeover = resp.plan().get("takeover");
        // an owner ID in the state: this configuration's own table. None: imported (or written by 0.1.0), adopted
        // for a new owner ID by the next apply
        if (imported.owner() != null || takeover.isUnknown() || (takeover.isKnown() && takeover.asBool())) {
            return;
        }
        TableRef table = imported.table().table();
        Attempt.to("read", table.describe(), host).run(resp.diagnostics(), () -> {
            TableListing listing = hosts().agent(host)
                    .listAfresh(new ListParams(List.of(table)).withClaims())
                    .tables()
                    .get(0);
            if (listing.claimedByOwner()) {
                Attempt.toImport(table.describe(), host)
                        .failed(
                                resp.diagnostics(),
                                table.describe() + " is managed by another Terraform configuration (its "
                                        + "nftables_table has another owner ID), so importing it here would take it "
                                        + "away from that configuration. To take it over on purpose, set `takeover = "
                                        + "true` on this nftables_table (then apply); otherwise remove the import.");
            }
        });
    }

    private Value state(State state) {
        return Values.fromRecord(schema().objectType(), state);
    }

    private static void validComment(Path path, Value value, Diagnostics diagnostics) {
        try {
            ScriptText.requireComment("table", value.asString());
        } catch (InvalidObjectDefinitionException e) {
            diagnostics.addAttributeError(path, "Invalid comment", e.getMessage());
        }
    }
}
