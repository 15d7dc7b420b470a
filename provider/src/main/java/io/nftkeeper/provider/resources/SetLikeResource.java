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
import io.nftkeeper.framework.resource.UpdateRequest;
import io.nftkeeper.framework.resource.UpdateResponse;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.PlanModifiers;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.NftDuration;
import io.nftkeeper.protocol.NftObject;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.SetFlag;
import io.nftkeeper.protocol.SetPolicy;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.live.LiveSetLike;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.Attempt;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What nftables_set and nftables_map share: a named set (a map is a set whose elements carry values) created in one
 * apply, whose element changes are one apply that deletes and adds exactly the changed elements, whose state keeps
 * each element's canonical text as the host listed it right after apply, and which is read, deleted and imported
 * alike. Each kind brings its state record {@code S}, its protocol object {@code O} and its listing {@code L}, and
 * says how they map onto each other.
 */
abstract class SetLikeResource<S extends Record & SetLikeState, O extends NftObject, L extends LiveSetLike>
        extends TableObjectResource<S> {

    static final String[] FLAGS =
            Arrays.stream(SetFlag.values()).map(SetFlag::nftName).toArray(String[]::new);
    static final String[] POLICIES =
            Arrays.stream(SetPolicy.values()).map(SetPolicy::nftName).toArray(String[]::new);

    private static final int DEFAULT_DYNAMIC_SIZE = 65535;

    SetLikeResource(TableObjectKind<S> kind) {
        super(kind);
    }

    /** The protocol object {@code state} declares, with {@code elements}; throws {@link NftkeeperException}. */
    abstract O object(S state, List<String> elements);

    /** The object named {@code name} in {@code table}'s listing. */
    abstract Optional<L> live(LiveTable table, String name);

    /** Why an object named {@code name} cannot be created in {@code table}, or empty. */
    abstract Optional<String> nameTaken(LiveTable table, String name);

    /** The state as the host has it (see each kind's {@code reconcile}). */
    abstract S reconciled(S current, L live);

    /** The state of the object imported as listed. */
    abstract S importedState(String tableId, L live);

    /** {@code planned} with its {@code id} and the canonical texts of {@code tracked}. */
    abstract S afterApply(S planned, TrackedElements tracked);

    /**
     * Applies the elements from a file when {@code planned} takes them from one ({@code prior} null on create), and
     * sets the state; whether it did. Only sets have files.
     */
    boolean appliedFromFile(S planned, S prior, O object, Diagnostics diagnostics, Consumer<S> state) {
        return false;
    }

    /** {@code reconciled} with what a read learns besides the listing. */
    S refreshed(S current, S reconciled) {
        return reconciled;
    }

    /** The transaction that applies {@code change} (not empty) of {@code planned}. */
    Transaction elementChange(S planned, TableId table, Transaction change) {
        return change;
    }

    @Override
    public void create(CreateRequest req, CreateResponse resp) {
        S planned = state(req.plan());
        TableId table = planned.table();
        resp.setPrivateState(hosts().owners().keep(table, req.privateState()));
        Attempt attempt = attempt("create", planned);
        attempt.run(resp.diagnostics(), () -> {
            O object = object(planned, List.copyOf(new TreeSet<>(planned.configuredElements())));
            Optional<LiveTable> existing = liveTable(table, attempt, resp.diagnostics());
            if (resp.diagnostics().hasError()) {
                return;
            }
            Optional<String> taken = existing.flatMap(live -> nameTaken(live, planned.name()));
            if (taken.isPresent()) {
                attempt.failed(
                        resp.diagnostics(),
                        taken.get() + " Import it: `terraform import <address> " + table + "/" + planned.name() + "`.");
                return;
            }
            if (appliedFromFile(planned, null, object, resp.diagnostics(), s -> resp.setState(state(s)))) {
                return;
            }
            hosts().agent(table.host())
                    .apply(hosts().owners()
                            .owned(table, Transaction.builder().add(object).build()));
            stateAfterApply(planned, Map.of(), Set.of(), object, resp.diagnostics())
                    .ifPresent(s -> resp.setState(state(s)));
        });
    }

    @Override
    public void read(ReadRequest req, ReadResponse resp) {
        S current = state(req.state());
        resp.setPrivateState(hosts().owners().keep(current.table(), req.privateState()));
        attempt("read", current).run(resp.diagnostics(), () -> {
            Optional<L> live = listed(current.table(), current.name());
            if (live.isEmpty()) {
                resp.removeResource();
                return;
            }
            S reconciled = refreshed(current, reconciled(current, live.get()));
            if (!reconciled.equals(current)) {
                resp.setState(state(reconciled));
            }
        });
    }

    @Override
    public void update(UpdateRequest req, UpdateResponse resp) {
        S planned = state(req.plan());
        S prior = state(req.state());
        TableId table = planned.table();
        resp.setPrivateState(hosts().owners().keep(table, req.privateState()));
        Attempt attempt = attempt("update", planned);
        attempt.run(resp.diagnostics(), () -> {
            O object = object(planned, List.of());
            if (appliedFromFile(planned, prior, object, resp.diagnostics(), s -> resp.setState(state(s)))) {
                return;
            }
            if (!planned.managesElements()) {
                // no longer managed: the elements stay on the host, whoever wrote them
                resp.setState(state(afterApply(planned, TrackedElements.of(Set.of(), Map.of()))));
                return;
            }
            TrackedElements.Change change = prior.tracked().changeTo(planned.configuredElements());
            Transaction tx = change.transaction(table.table(), planned.name());
            if (!tx.isEmpty()) {
                tx = elementChange(planned, table, tx);
            }
            Set<String> foreign = Set.of();
            if (!tx.isEmpty()) {
                if (planned.writtenByDatapath()) {
                    foreign = foreignElements(
                            prior,
                            liveTable(table, attempt, resp.diagnostics()).flatMap(live -> live(live, planned.name())));
                }
                if (resp.diagnostics().hasError()) {
                    return;
                }
                hosts().agent(table.host()).apply(hosts().owners().owned(table, tx));
            }
            stateAfterApply(planned, change.keptCanonical(), foreign, object, resp.diagnostics())
                    .ifPresent(s -> resp.setState(state(s)));
        });
    }

    @Override
    public void delete(DeleteRequest req, DeleteResponse resp) {
        S current = state(req.state());
        hosts().owners().keep(current.table(), req.privateState());
        // destroy: one someone already removed is simply gone
        attempt("delete", current)
                .whenInUse(message -> message + ConcurrentChanges.hint("`@${" + typeName + ".<label>.name}`"))
                .run(
                        resp.diagnostics(),
                        () -> ConcurrentChanges.destroy(hosts(), current.table(), object(current, List.of())));
    }

    @Override
    public void importState(ImportStateRequest req, ImportStateResponse resp) {
        Optional<String> problem = TableObjectId.problem(req.id(), hosts().defaultHost(), kind, importExample);
        if (problem.isPresent()) {
            resp.diagnostics().addError("Invalid import ID \"" + req.id() + "\"", problem.get());
            return;
        }
        TableObjectId id = TableObjectId.parse(req.id(), hosts().defaultHost()).orElseThrow();
        TableId table = id.table();
        Attempt attempt = Attempt.toImport(id.describe(kind), table.host());
        attempt.run(resp.diagnostics(), () -> {
            Optional<TableListing> listing = ImportSource.listing(hosts(), table, attempt, resp.diagnostics());
            if (listing.isEmpty()) {
                return;
            }
            Optional<L> live = live(listing.get().live(), id.name());
            if (live.isEmpty()) {
                attempt.failed(
                        resp.diagnostics(),
                        "The " + kind + " does not exist in " + table.table().describe() + ".");
                return;
            }
            resp.setState(state(importedState(table.toString(), live.get())));
            resp.setPrivateState(hosts().owners().keep(table, null));
        });
    }

    /**
     * Completes the plan: {@code id} from table and name; the kind's own checks ({@link #checked}); for a change, a
     * timeout spelled differently but equally long keeps its prior spelling (no diff), a different duration replaces
     * the object, and {@code canonical_elements} stays known for the elements that do not change.
     */
    @Override
    public final void modifyPlan(ModifyPlanRequest req, ModifyPlanResponse resp) {
        keepOwner(req, resp);
        Value prior = req.state();
        Value plan = TableObjectId.withPlannedId(resp.plan());
        if (!plan.isNull()) {
            if (!declarationAccepted(plan, prior, resp.diagnostics())) {
                return;
            }
            Optional<Value> checked = checked(plan, prior, resp.diagnostics());
            if (checked.isEmpty()) {
                return;
            }
            plan = checked.get();
        }
        if (!prior.isNull() && !plan.isNull()) {
            plan = withPlannedCanonical(Durations.planTimeout(plan, prior, resp), prior);
        }
        resp.setPlan(plan);
        remember(plan);
    }

    /** The object {@code state} declares, under the scratch name of a dry run at plan ({@link PlannedElements}). */
    abstract NftObject scratch(S state);

    /** Whether {@code plan} gives the key as an expression ({@code typeof}), the part of a declaration nft parses. */
    boolean keyExpression(Value plan) {
        return false;
    }

    /**
     * Whether the host's nft accepts the declaration {@code plan} makes, asked only when it declares a new object
     * (create or replacement) and all of it is known; true when it cannot be asked.
     */
    private boolean declarationAccepted(Value plan, Value prior, Diagnostics diagnostics) {
        if (hosts() == null
                || (!prior.isNull()
                        && declaredBy().stream().allMatch(a -> plan.get(a).equals(prior.get(a))))) {
            return true;
        }
        Optional<S> declared = declared(plan);
        if (declared.isEmpty()) {
            return true;
        }
        TableId table = declared.get().table();
        return PlannedElements.checkDeclaration(
                hosts().agent(table.host()),
                table,
                scratch(declared.get()),
                new TableObjectId(table, declared.get().name()).describe(kind),
                keyExpression(plan),
                hosts().owners(),
                diagnostics);
    }

    /**
     * {@code plan} (not null) after the kind's own checks at plan, which put changed elements through the host's nft;
     * empty when the plan must not be completed ({@code prior} may be null).
     */
    abstract Optional<Value> checked(Value plan, Value prior, Diagnostics diagnostics);

    /** The planned {@code canonical_elements} of changed, wholly known {@code elements}. */
    abstract Value plannedCanonical(Value elements, Value priorElements, Value priorCanonical);

    /**
     * {@code canonical_elements} of a plan against {@code prior}: kept when the elements are, empty without elements,
     * and for changed elements, once known, {@link #plannedCanonical} (known for the elements that stay).
     */
    private Value withPlannedCanonical(Value plan, Value prior) {
        Value elements = plan.get("elements");
        Value priorElements = prior.get("elements");
        if (elements.equals(priorElements)) {
            return plan.with("canonical_elements", prior.get("canonical_elements"));
        } else if (elements.isNull()) {
            return plan.with("canonical_elements", Value.map(Type.STRING, Map.of()));
        } else if (elements.isWhollyKnown()) {
            return plan.with(
                    "canonical_elements", plannedCanonical(elements, priorElements, prior.get("canonical_elements")));
        }
        return plan;
    }

    /** The state {@code plan} declares, once all that declares the object is known and valid. */
    Optional<S> declared(Value plan) {
        if (!Stream.concat(Stream.of("table_id", "name"), declaredBy().stream())
                .allMatch(attribute -> plan.get(attribute).isWhollyKnown())) {
            return Optional.empty();
        }
        try {
            S state = state(plan);
            object(state, List.of());
            return Optional.of(state);
        } catch (RuntimeException e) {
            return Optional.empty(); // invalid properties: their own validators report them
        }
    }

    /** Tells this run's chains about the planned object (their dry runs declare it, without its elements). */
    void remember(Value plan) {
        remember(plan, s -> object(s, List.of()));
    }

    /**
     * Whether {@code configured} and {@code live} agree on what sets and maps have alike: flags (see
     * {@link #impliedFlags}), default timeout (as a duration), size (when configured) and policy (nft's default
     * {@code performance} when absent).
     */
    static boolean sameCommonProperties(
            Set<String> configuredFlags, String timeout, Long size, String policy, LiveSetLike live) {
        return configuredFlags.equals(impliedFlags(configuredFlags, live))
                && Objects.equals(
                        timeout == null ? null : NftDuration.millis(timeout),
                        live.timeout() == null ? null : NftDuration.millis(live.timeout()))
                && (size == null || size.equals(live.size()))
                && Objects.equals(
                        policy == null ? "performance" : policy, live.policy() == null ? "performance" : live.policy());
    }

    /** nft leaves out {@code flags timeout} when there is a default timeout: the flag is still there. */
    static Set<String> impliedFlags(Set<String> configuredFlags, LiveSetLike live) {
        if (live.timeout() == null
                || !configuredFlags.contains("timeout")
                || live.flags().contains("timeout")) {
            return live.flags();
        }
        Set<String> flags = new TreeSet<>(live.flags());
        flags.add("timeout");
        return flags;
    }

    /** nft lists {@code size 65535} for a dynamic set or map given no size: that is no size in the configuration. */
    static Long listedSize(LiveSetLike live) {
        return live.size() != null
                        && live.size() == DEFAULT_DYNAMIC_SIZE
                        && live.flags().contains("dynamic")
                ? null
                : live.size();
    }

    /** {@code size}: at most how many {@code elements} ("entries" of a map) the {@code kind} holds. */
    static Attribute size(String kind, String elements) {
        return Attribute.number("size")
                .optional()
                .validators(Validators.between(1, 0xFFFF_FFFFL))
                .planModifiers(PlanModifiers.requiresReplace())
                .description("Maximum number of " + elements + ". Changing it replaces the " + kind + ".");
    }

    static Attribute policy(String kind) {
        return Attribute.string("policy")
                .optional()
                .validators(Validators.oneOf(POLICIES))
                .planModifiers(PlanModifiers.requiresReplace())
                .description("`performance` (nft's default) or `memory`. Changing it replaces the " + kind + ".");
    }

    static String normalType(String type) {
        return type == null ? "" : type.strip().replaceAll("\\s*\\.\\s*", " . ");
    }

    /** The table as listed; empty with the error of {@code attempt} when the table is gone. */
    private Optional<LiveTable> liveTable(TableId table, Attempt attempt, Diagnostics diagnostics) {
        TableListing listing = hosts().listing(table);
        if (!listing.exists()) {
            attempt.failed(diagnostics, table.table().describe() + " does not exist on the host.");
            return Optional.empty();
        }
        return Optional.of(listing.live());
    }

    /** The object named {@code name} as {@code table} lists it, or empty (also when the table is gone). */
    private Optional<L> listed(TableId table, String name) {
        TableListing listing = hosts().listing(table);
        return listing.exists() ? live(listing.live(), name) : Optional.empty();
    }

    /**
     * Listed elements the datapath wrote into a dynamic or timeout set or map: a respelled element must not claim
     * them. (One that manages its elements owns all others: they are drift.)
     */
    private Set<String> foreignElements(S prior, Optional<L> before) {
        Set<String> foreign =
                new LinkedHashSet<>(before.map(LiveSetLike::elements).orElse(List.of()));
        foreign.removeAll(prior.tracked().allCanonical());
        return foreign;
    }

    /** The planned state with each element's canonical text as the host lists it now, right after apply. */
    private Optional<S> stateAfterApply(
            S planned, Map<String, String> kept, Set<String> foreign, O object, Diagnostics diagnostics) {
        TableId table = planned.table();
        Optional<L> listed = liveTable(table, Attempt.to("list", object.describe(), table.host()), diagnostics)
                .flatMap(live -> live(live, planned.name()));
        if (diagnostics.hasError()) {
            return Optional.empty();
        }
        if (listed.isEmpty()) {
            diagnostics.addError(
                    "Unexpected listing of " + object.describe() + " after apply",
                    "The apply succeeded, but the host does not list the " + kind + " (someone removed it at the "
                            + "same time?). Run `terraform apply` again.");
            return Optional.empty();
        }
        return Optional.of(afterApply(
                planned,
                TrackedElements.afterApply(
                        planned.configuredElements(), kept, listed.get().elements(), foreign)));
    }
}
