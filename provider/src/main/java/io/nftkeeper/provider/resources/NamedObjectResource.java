package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.diag.Diagnostics;
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
import io.nftkeeper.framework.schema.Validator;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.NamedObject;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.Attempt;
import io.nftkeeper.provider.HostsConfigured;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What nftables_flowtable, nftables_ct_helper, nftables_ct_timeout, nftables_ct_expectation, nftables_synproxy and
 * nftables_secmark share: {@code table_id}, {@code name}, {@code canonical} and {@code id} around each kind's own
 * attributes, and create, read, update, delete, import and a plan-time dry run around each kind's conversion between
 * its attributes and its {@link NamedObject}. {@code canonical} is the object's body rendered from the host's listing
 * right after apply: Read compares it with the live one, so another spelling of the same object is never drift and
 * a real change shows the host's values.
 */
abstract class NamedObjectResource extends HostsConfigured
        implements Resource, ResourceWithConfigure, ResourceWithImportState, ResourceWithModifyPlan {

    /** An nft keyword such as {@code tcp}, {@code ip6} or {@code ftp}: what the protocol model accepts. */
    static final Validator KEYWORD = Validators.regex(
            Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,31}"),
            "must be an nft keyword such as `tcp` (letters, digits, '_', '.' and '-').");

    private final String kind;
    private final String typeName;
    private final String importExample;
    private final boolean updatesInPlace;

    /**
     * {@code kind} is nft's keyword ("ct helper"); {@code updatesInPlace}: the kernel changes an existing object
     * when it is added again (otherwise it silently ignores that, and each kind attribute must replace).
     */
    NamedObjectResource(String kind, String typeName, String importExample, boolean updatesInPlace) {
        this.kind = kind;
        this.typeName = typeName;
        this.importExample = importExample;
        this.updatesInPlace = updatesInPlace;
    }

    /** The schema's Markdown description. */
    abstract String description();

    /** The kind's own attributes, between {@code name} and {@code canonical}. */
    abstract List<Attribute> kindAttributes();

    /** The object {@code state} (a plan or a state) declares; throws {@link NftkeeperException} on invalid values. */
    abstract NamedObject object(TableRef table, String name, Value state);

    /** {@code state} with the kind's attributes as {@code listed} has them, in the attributes' own spelling. */
    abstract Value withListed(Value state, NamedObject listed);

    /** The live object, where the listing leaves out what {@code stored} (null if unknown) declares. */
    NamedObject asListed(NamedObject listed, NamedObject stored) {
        return listed;
    }

    /** A sentence explaining a refusal whose kernel message is {@code message}, or empty. */
    String refusalHint(String message) {
        return "";
    }

    /** {@code l3proto}, which every ct kind has and defaults to the table's family. */
    static Attribute l3proto(String kind) {
        return Attribute.string("l3proto")
                .optional()
                .computed()
                .validators(KEYWORD)
                .planModifiers(PlanModifiers.requiresReplace())
                .description("Layer 3 protocol of the connections: `ip`, `ip6` or `inet`. Defaults to the table's "
                        + "family (nft lists the " + kind + " with it). Changing it replaces the " + kind + ".");
    }

    static String nullableString(Value value) {
        return value.isNull() ? null : value.asString();
    }

    static Value string(String text) {
        return text == null ? Value.nullOf(Type.STRING) : Value.string(text);
    }

    @Override
    public final String typeName() {
        return typeName;
    }

    @Override
    public final Schema schema() {
        List<Attribute> attributes = new ArrayList<>();
        attributes.add(TableObjectAttributes.tableId(kind, "filter"));
        attributes.add(TableObjectAttributes.name(
                kind + " name",
                "Name of the " + kind + ", unique among the table's " + kind + " objects. Changing it replaces the "
                        + kind + "."));
        attributes.addAll(kindAttributes());
        attributes.add(Attribute.string("canonical")
                .computed()
                .description("The " + kind + "'s definition as the host listed it right after apply, in nft's "
                        + "syntax. Refresh compares it with the live listing: a difference is drift."));
        attributes.add(TableObjectAttributes.id("name"));
        return Schema.builder()
                .description(description())
                .attributes(attributes.toArray(Attribute[]::new))
                .build();
    }

    @Override
    public void create(CreateRequest req, CreateResponse resp) {
        Value planned = req.plan();
        TableObjectId target = target(planned);
        resp.setPrivateState(hosts().owners().keep(target.table(), req.privateState()));
        attempt("create", target).run(resp.diagnostics(), () -> {
            NamedObject object = object(target.table().table(), target.name(), planned);
            NamedObjects.create(hosts(), target.table(), kind, object, target.name(), resp.diagnostics())
                    .flatMap(listing -> listing.named(kind, target.name()))
                    .ifPresent(listed -> resp.setState(afterApply(planned, asListed(listed, object))));
        });
    }

    @Override
    public void read(ReadRequest req, ReadResponse resp) {
        Value current = req.state();
        TableObjectId target = target(current);
        resp.setPrivateState(hosts().owners().keep(target.table(), req.privateState()));
        attempt("read", target).run(resp.diagnostics(), () -> {
            Optional<NamedObject> listed =
                    NamedObjects.list(hosts(), target.table()).flatMap(l -> l.named(kind, target.name()));
            if (listed.isEmpty()) {
                resp.removeResource();
                return;
            }
            NamedObject live = asListed(listed.get(), storedObject(target.table(), target.name(), current));
            if (!live.body()
                    .equals(
                            current.get("canonical").isNull()
                                    ? null
                                    : current.get("canonical").asString())) {
                resp.setState(withListed(current, live).with("canonical", Value.string(live.body())));
            }
        });
    }

    /**
     * Adds the changed object again, which the kernel applies in place for kinds that {@code updatesInPlace}; for the
     * others every kind attribute replaces the object, so this is only called when nothing changed.
     */
    @Override
    public void update(UpdateRequest req, UpdateResponse resp) {
        Value planned = req.plan();
        if (!updatesInPlace) {
            resp.setState(planned);
            return;
        }
        TableObjectId target = target(planned);
        resp.setPrivateState(hosts().owners().keep(target.table(), req.privateState()));
        attempt("update", target).run(resp.diagnostics(), () -> {
            NamedObject object = object(target.table().table(), target.name(), planned);
            hosts().agent(target.table().host())
                    .apply(hosts().owners()
                            .owned(
                                    target.table(),
                                    Transaction.builder().add(object).build()));
            NamedObjects.listedAfterApply(hosts(), target.table(), kind, object, target.name(), resp.diagnostics())
                    .flatMap(listing -> listing.named(kind, target.name()))
                    .ifPresent(listed -> {
                        NamedObject live = asListed(listed, object);
                        if (live.equals(object)) {
                            resp.setState(afterApply(planned, live));
                        } else {
                            resp.diagnostics()
                                    .addError(
                                            "Cannot change " + object.describe() + " in place on "
                                                    + target.table().host(),
                                            "The host's kernel accepted the change but still lists `"
                                                    + live.body() + "`. Replace it instead: `terraform apply "
                                                    + "-replace=<address>`.");
                        }
                    });
        });
    }

    @Override
    public void delete(DeleteRequest req, DeleteResponse resp) {
        Value current = req.state();
        TableObjectId target = target(current);
        hosts().owners().keep(target.table(), req.privateState());
        attempt("delete", target)
                .run(
                        resp.diagnostics(),
                        () -> NamedObjects.delete(
                                hosts(),
                                target.table(),
                                kind,
                                object(target.table().table(), target.name(), current),
                                target.name(),
                                typeName,
                                resp.diagnostics()));
    }

    @Override
    public void importState(ImportStateRequest req, ImportStateResponse resp) {
        NamedObjects.importTarget(hosts(), req.id(), kind, importExample, resp.diagnostics())
                .ifPresent(target -> target.attempt(kind).run(resp.diagnostics(), () -> {
                    NamedObject live =
                            asListed(target.listing().named(kind, target.name()).orElseThrow(), null);
                    Value state = Value.objectBuilder(schema().objectType())
                            .set("table_id", target.table().toString())
                            .set("name", target.name())
                            .set("id", target.id())
                            .build();
                    resp.setState(withListed(state, live).with("canonical", Value.string(live.body())));
                    resp.setPrivateState(hosts().owners().keep(target.table(), null));
                }));
    }

    /** Trying to {@code verb} {@code target} on its host. */
    private Attempt attempt(String verb, TableObjectId target) {
        return Attempt.to(verb, target.describe(kind), target.table().host());
    }

    /** The table and name of the object {@code state} (a plan or a state) is of. */
    private static TableObjectId target(Value state) {
        return new TableObjectId(table(state), state.get("name").asString());
    }

    /**
     * Completes the plan ({@code id} from table and name) and asks the host whether it would accept the planned
     * object: a dry run of what apply will send, so a kernel that lacks the kind, or refuses a value, fails the plan
     * and not the apply. The table may be planned in the same run, so the dry run adds it first.
     */
    @Override
    public void modifyPlan(ModifyPlanRequest req, ModifyPlanResponse resp) {
        Value plan = keepCanonical(TableObjectId.withPlannedId(resp.plan()), req.state());
        resp.setPlan(plan);
        if (hosts() != null && !plan.isNull()) {
            hosts().owners().keepPlanned(TableOwners.plannedTable(plan.get("table_id")), req, resp);
        }
        if (hosts() == null || plan.isNull() || plan.equals(req.state()) || !knownForDryRun(plan)) {
            return;
        }
        TableId table = table(plan);
        String name = plan.get("name").asString();
        NamedObject object;
        try {
            object = object(table.table(), name, plan);
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Invalid " + kind + " " + name, e.getMessage());
            return;
        }
        // the chains whose rules use it declare it in their own dry runs
        hosts().planned().remember(table, object);
        dryRun(table, object, resp.diagnostics());
    }

    /**
     * The prior {@code canonical} when nothing else changed: the framework marks it unknown as soon as any value
     * differs from the prior state, before it keeps another spelling of the same timeout as no change.
     */
    private Value keepCanonical(Value plan, Value prior) {
        if (plan.isNull() || prior.isNull() || !plan.get("canonical").isUnknown()) {
            return plan;
        }
        for (Attribute a : schema().attributes()) {
            if (!a.name().equals("canonical") && !plan.get(a.name()).equals(prior.get(a.name()))) {
                return plan;
            }
        }
        return plan.with("canonical", prior.get("canonical"));
    }

    private void dryRun(TableId table, NamedObject object, Diagnostics diagnostics) {
        Transaction.Builder tx = Transaction.builder();
        try {
            TableListing listing = hosts().listing(table);
            if (!listing.exists()) {
                tx.add(Table.of(table.table()));
            } else {
                LiveTable objects = listing.live();
                if (!updatesInPlace && objects.contains(kind, object.name())) {
                    // a replacement: apply deletes the old object first, which the kernel refuses while rules use it
                    Optional<String> used = NamedObjects.stillUsed(objects, kind, object.name(), typeName);
                    if (used.isPresent()) {
                        Attempt.to("replace", object.describe(), table.host()).failed(diagnostics, used.get());
                        return;
                    }
                    tx.destroy(object);
                }
            }
            hosts().agent(table.host())
                    .check(hosts().owners().owned(table, tx.add(object).build()));
        } catch (NftkeeperException e) {
            if (Attempt.couldNotAsk(e)) {
                Attempt.to("check", object.describe(), table.host()).failed(diagnostics, e);
            } else {
                String hint = refusalHint(e.getMessage() == null ? "" : e.getMessage());
                diagnostics.addError(
                        "The host refuses " + object.describe(),
                        "`" + object.describe() + " " + object.body() + "`: " + e.getMessage()
                                + (hint.isEmpty() ? "" : " " + hint));
            }
        }
    }

    /**
     * Every configured attribute the object is made of is known (values from resources created in the same run are
     * not); a computed one the host fills in ({@code l3proto}) goes to the dry run as nft's default.
     */
    private boolean knownForDryRun(Value plan) {
        if (!plan.get("table_id").isKnown()
                || !plan.get("name").isKnown()
                || TableId.parse(plan.get("table_id").asString()).isEmpty()) {
            return false;
        }
        return kindAttributes().stream()
                .allMatch(a -> a.isComputed() || plan.get(a.name()).isWhollyKnown());
    }

    /** The planned state with what only the host knows: {@code id}, {@code canonical}, computed kind attributes. */
    private Value afterApply(Value planned, NamedObject live) {
        Value listed = withListed(planned, live);
        Value state = planned.with(
                        "id",
                        Value.string(planned.get("table_id").asString() + "/"
                                + planned.get("name").asString()))
                .with("canonical", Value.string(live.body()));
        for (Attribute a : kindAttributes()) {
            if (state.get(a.name()).isUnknown()) {
                state = state.with(a.name(), listed.get(a.name()));
            }
        }
        return state;
    }

    private NamedObject storedObject(TableId table, String name, Value state) {
        try {
            return object(table.table(), name, state);
        } catch (NftkeeperException invalidState) {
            return null;
        }
    }

    private static TableId table(Value state) {
        return TableId.parse(state.get("table_id").asString()).orElseThrow();
    }
}
