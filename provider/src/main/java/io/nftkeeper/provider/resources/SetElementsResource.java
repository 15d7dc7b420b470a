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
import io.nftkeeper.framework.schema.ConfigValidators;
import io.nftkeeper.framework.schema.PlanModifiers;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.Element;
import io.nftkeeper.protocol.ElementLists;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.live.LiveMap;
import io.nftkeeper.protocol.live.LiveSet;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.Attempt;
import io.nftkeeper.provider.HostsConfigured;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code nftables_set_elements}: elements one configuration contributes to a set (or map) owned elsewhere, e.g. one
 * module per team adding its admin CIDRs to a shared {@code admins} set. Each resource manages only its own
 * elements: Read checks that they are still listed and ignores everyone else's; an update deletes and adds only its
 * own changed elements in one batch; destroy deletes only its own elements that are still there. The owning
 * {@code nftables_set} must leave {@code elements} out (it then never reads elements as drift nor deletes them).
 * An element that was already in the set when contributed belongs to whoever put it there: it is never deleted.
 * With {@code elements_file} the elements come from a file ({@link FileElements}, as for {@code nftables_set}) and
 * the host's agent keeps this contribution's bookkeeping under the id's suffix: state keeps digests and counts.
 */
public final class SetElementsResource extends HostsConfigured
        implements Resource, ResourceWithConfigure, ResourceWithImportState, ResourceWithModifyPlan {

    /** The resource's state, attribute for attribute. */
    public record State(
            String id,
            String setId,
            List<String> elements,
            Map<String, String> canonicalElements,
            String elementsFile,
            String elementsSha256,
            Long elementsCount,
            String elementsDigest,
            String elementsSourceDigest,
            String elementsChange) {

        /** A state without {@code elements_file}. */
        State(String id, String setId, List<String> elements, Map<String, String> canonicalElements) {
            this(id, setId, elements, canonicalElements, null, null, null, null, null, null);
        }

        FileElements.Status fileStatus() {
            return new FileElements.Status(
                    elementsFile, elementsSha256, elementsCount, elementsDigest, elementsSourceDigest, elementsChange);
        }

        /** The state of a contribution from a file, with {@code file} as the host has it after apply or refresh. */
        State withFileStatus(String id, FileElements.Status file) {
            return new State(
                    id,
                    setId,
                    null,
                    Map.of(),
                    file.file(),
                    file.sha256(),
                    file.count(),
                    file.digest(),
                    file.sourceDigest(),
                    file.change());
        }

        /** The name the host's agent keeps this contribution's bookkeeping under: the id's suffix. */
        String contributor() {
            return id.substring(id.lastIndexOf('/') + 1);
        }

        TableObjectId set() {
            return TableObjectId.parse(setId, Optional.empty()).orElseThrow();
        }

        TrackedElements tracked() {
            return TrackedElements.of(elements, canonicalElements);
        }
    }

    private static final int ID_SUFFIX_HEX_DIGITS = 12;
    /** The contributor a new resource's plan asks the host about: never an id's suffix, so the host has no record. */
    private static final String NOT_YET_CONTRIBUTED = "planned";
    /**
     * Terraform applies the contributors of one set in parallel, in this process. The listings before and after an
     * apply tell which forms that apply added (a respelled element's canonical text) only if no other contributor
     * writes in between, so list, apply and list again are serialised per set.
     */
    private static final ConcurrentHashMap<String, Object> SET_LOCKS = new ConcurrentHashMap<>();

    /** What a relative {@code elements_file} is relative to: the working directory of the Terraform served. */
    private final java.nio.file.Path workingDirectory;

    public SetElementsResource(java.nio.file.Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    @Override
    public String typeName() {
        return "nftables_set_elements";
    }

    public static Schema schemaV0() {
        return Schema.builder()
                .description("Elements contributed to a named set (or map) that is owned elsewhere, so that several "
                        + "modules can each add their own elements to one set without clobbering each other. Each "
                        + "`nftables_set_elements` manages only its own elements: other elements of the set are "
                        + "never drift for it and never deleted by it. The owning `nftables_set` must leave "
                        + "`elements` out, which makes it not manage elements at all. Do not contribute the same "
                        + "element from two resources: an element already in the set when contributed is left to "
                        + "whoever added it first.")
                .attributes(
                        Attribute.string("set_id")
                                .required()
                                .validators((path, value, diagnostics) -> TableObjectId.problem(
                                                value.asString(), Optional.empty(), "set", "admins")
                                        .ifPresent(p -> diagnostics.addAttributeError(path, "Invalid set_id", p)))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("The `id` of the set (`<host>/<family>/<table>/<set>`), e.g. "
                                        + "`nftables_set.admins.id`. The table must be managed by nftkeeper. Changing "
                                        + "it replaces the resource."),
                        ElementList.attribute("elements")
                                .optional()
                                .validators(Validators.sizeBetween(1, Integer.MAX_VALUE))
                                .description("This resource's elements in nft syntax, as for `nftables_set` "
                                        + "(`\"10.0.0.0/8\"`, `\"10.1.1.1 timeout 1h comment \\\"ops\\\"\"`; map "
                                        + "entries as `\"key : value\"`). Changes are applied in place: only this "
                                        + "resource's added and removed elements are written. "
                                        + ElementList.SEMANTICS + " Read drops this resource's elements that are "
                                        + "gone from the host and keeps the order of the others. Exactly one of "
                                        + "`elements` and `elements_file` is required; switching between them replaces "
                                        + "the resource."),
                        Attribute.map("canonical_elements", Type.STRING)
                                .computed()
                                .description("Each element as the host's nft listed it right after apply. Empty for "
                                        + "an element that was already in the set (it is not this resource's to "
                                        + "delete)."),
                        Attribute.string("id")
                                .computed()
                                .planModifiers(PlanModifiers.useStateForUnknown())
                                .description("`<host>/<family>/<table>/<set>/<suffix>`: the suffix is the first 12 "
                                        + "hex digits of the SHA-256 of the elements' canonical texts when the "
                                        + "resource was created or imported; it does not change when the elements "
                                        + "do; with `elements_file`, of the file's element set when created."))
                .attributes(FileElements.contributionAttributes("elements"))
                .configValidators(ConfigValidators.exactlyOneOf(Path.root("elements"), Path.root(FileElements.FILE)))
                .build();
    }

    @Override
    public Schema schema() {
        return schemaV0();
    }

    private static final String NO_SET =
            "The set does not exist on the host: create it (e.g. with nftables_set) first.";

    @Override
    public void create(CreateRequest req, CreateResponse resp) {
        State planned = Values.toRecord(req.plan(), State.class);
        TableObjectId set = planned.set();
        resp.setPrivateState(hosts().owners().keep(set.table(), req.privateState()));
        Attempt attempt = attempt("add elements to", set);
        attempt.run(resp.diagnostics(), () -> {
            if (planned.fileStatus().managed()) {
                applyFile(planned, null, resp.diagnostics()).ifPresent(s -> resp.setState(state(s)));
                return;
            }
            synchronized (SET_LOCKS.computeIfAbsent(planned.setId(), id -> new Object())) {
                Optional<List<String>> before = listed(set);
                if (before.isEmpty()) {
                    attempt.failed(resp.diagnostics(), NO_SET);
                    return;
                }
                hosts().agent(set.table().host())
                        .apply(hosts().owners()
                                .owned(
                                        set.table(),
                                        Transaction.builder()
                                                .add(new Element(
                                                        set.table().table(),
                                                        set.name(),
                                                        List.copyOf(new TreeSet<>(planned.elements()))))
                                                .build()));
                stateAfterApply(planned, null, Map.of(), Set.copyOf(before.get()))
                        .ifPresentOrElse(s -> resp.setState(state(s)), () -> vanished(set, resp.diagnostics()));
            }
        });
    }

    @Override
    public void read(ReadRequest req, ReadResponse resp) {
        State current = Values.toRecord(req.state(), State.class);
        TableObjectId set = current.set();
        resp.setPrivateState(hosts().owners().keep(set.table(), req.privateState()));
        attempt("read elements of", set).run(resp.diagnostics(), () -> {
            Optional<List<String>> live = listed(set);
            if (live.isEmpty()) {
                resp.removeResource();
                return;
            }
            if (current.fileStatus().managed()) {
                declaration(set)
                        .flatMap(declared -> FileElements.refresh(
                                hosts().agent(set.table().host()),
                                declared,
                                current.contributor(),
                                current.fileStatus()))
                        .ifPresent(file -> resp.setState(state(current.withFileStatus(current.id(), file))));
                return;
            }
            current.tracked()
                    .reconcile(live.get(), true)
                    .ifPresent(tracked -> resp.setState(
                            state(new State(current.id(), current.setId(), tracked.elements(), tracked.canonical()))));
        });
    }

    @Override
    public void update(UpdateRequest req, UpdateResponse resp) {
        State planned = Values.toRecord(req.plan(), State.class);
        State prior = Values.toRecord(req.state(), State.class);
        TableObjectId set = planned.set();
        resp.setPrivateState(hosts().owners().keep(set.table(), req.privateState()));
        Attempt attempt = attempt("update elements of", set);
        attempt.run(resp.diagnostics(), () -> {
            if (planned.fileStatus().managed()) {
                applyFile(planned, prior, resp.diagnostics()).ifPresent(s -> resp.setState(state(s)));
                return;
            }
            TrackedElements.Change change = prior.tracked().changeTo(planned.elements());
            synchronized (SET_LOCKS.computeIfAbsent(planned.setId(), id -> new Object())) {
                Optional<List<String>> before = listed(set);
                if (before.isEmpty()) {
                    attempt.failed(resp.diagnostics(), "The set does not exist on the host.");
                    return;
                }
                Set<String> foreign = new LinkedHashSet<>(before.get());
                foreign.removeAll(prior.tracked().allCanonical());
                Transaction tx = change.transaction(set.table().table(), set.name());
                if (!tx.isEmpty()) {
                    hosts().agent(set.table().host()).apply(hosts().owners().owned(set.table(), tx));
                }
                stateAfterApply(planned, prior.id(), change.keptCanonical(), foreign)
                        .ifPresentOrElse(s -> resp.setState(state(s)), () -> vanished(set, resp.diagnostics()));
            }
        });
    }

    /** Deletes only this resource's elements that are still listed: a hand-deleted one is simply gone already. */
    @Override
    public void delete(DeleteRequest req, DeleteResponse resp) {
        State current = Values.toRecord(req.state(), State.class);
        TableObjectId set = current.set();
        hosts().owners().keep(set.table(), req.privateState());
        attempt("delete elements of", set).run(resp.diagnostics(), () -> {
            Optional<List<String>> live = listed(set);
            if (live.isEmpty()) {
                return; // the set went first: its elements went with it
            }
            if (current.fileStatus().managed()) {
                declaration(set)
                        .ifPresent(declared -> FileElements.withdraw(
                                hosts().agent(set.table().host()), declared, current.contributor()));
                return;
            }
            Set<String> mine = new TreeSet<>(current.tracked().allCanonical());
            mine.retainAll(live.get());
            if (!mine.isEmpty()) {
                hosts().agent(set.table().host())
                        .apply(hosts().owners()
                                .owned(
                                        set.table(),
                                        Transaction.builder()
                                                .delete(new Element(set.table().table(), set.name(), List.copyOf(mine)))
                                                .build()));
            }
        });
    }

    /**
     * Import ID {@code <host>/<family>/<table>/<set>/<element>,<element>...}: the elements as the host lists them
     * ({@code nft -s list set ...}), separated by commas, e.g. {@code web1/inet/filter/admins/10.0.0.0/8,192.168.1.7}.
     */
    @Override
    public void importState(ImportStateRequest req, ImportStateResponse resp) {
        String[] parts = req.id().split("/", 5);
        Optional<TableObjectId> set = parts.length == 5
                ? TableObjectId.parse(String.join("/", parts[0], parts[1], parts[2], parts[3]), Optional.empty())
                : Optional.empty();
        List<String> elements = parts.length == 5 ? ElementLists.split(parts[4]) : List.of();
        if (set.isEmpty() || elements.isEmpty()) {
            resp.diagnostics()
                    .addError(
                            "Invalid import ID \"" + req.id() + "\"",
                            "Expected `<host>/<family>/"
                                    + "<table>/<set>/<element>,<element>...` with the elements as the host lists them, e.g. "
                                    + "`web1/inet/filter/admins/10.0.0.0/8,192.168.1.7`.");
            return;
        }
        Attempt attempt = Attempt.toImport(
                "elements of " + set.get().describe("set"), set.get().table().host());
        attempt.run(resp.diagnostics(), () -> {
            if (ImportSource.listing(hosts(), set.get().table(), attempt, resp.diagnostics())
                    .isEmpty()) {
                return;
            }
            Optional<List<String>> live = listed(set.get());
            if (live.isEmpty()) {
                attempt.failed(resp.diagnostics(), "The set does not exist on the host.");
                return;
            }
            Set<String> missing = new TreeSet<>(elements);
            live.get().forEach(missing::remove);
            if (!missing.isEmpty()) {
                attempt.failed(
                        resp.diagnostics(),
                        "The set does not list " + String.join(", ", missing) + ". Write the elements as `nft -s "
                                + "list set` prints them.");
                return;
            }
            Map<String, String> canonical = new TreeMap<>();
            elements.forEach(e -> canonical.put(e, e));
            String setId = set.get().table() + "/" + set.get().name();
            resp.setState(state(
                    new State(idFor(setId, canonical), setId, List.copyOf(new LinkedHashSet<>(elements)), canonical)));
            resp.setPrivateState(hosts().owners().keep(set.get().table(), null));
        });
    }

    /**
     * {@code canonical_elements} stays known for the elements that do not change. With {@code elements_file}, the
     * file is read and, when the set exists, its new elements dry-run on the host and the change summarised
     * ({@link FileElements}); a new resource's id is known from the file's element set.
     */
    @Override
    public void modifyPlan(ModifyPlanRequest req, ModifyPlanResponse resp) {
        Value plan = resp.plan();
        Value prior = req.state();
        Value setId = plan.isNull() ? Value.unknown(Type.STRING) : plan.get("set_id");
        if (hosts() != null && setId.isKnown() && !setId.isNull()) {
            hosts().owners()
                    .keepPlanned(
                            TableObjectId.parse(setId.asString(), Optional.empty())
                                    .map(TableObjectId::table),
                            req,
                            resp);
        }
        if (!prior.isNull()
                && !plan.isNull()
                && plan.get(FileElements.FILE).isKnown()
                && plan.get(FileElements.FILE).isNull()
                        != prior.get(FileElements.FILE).isNull()) {
            // the host keeps a file contribution's bookkeeping, the state a list's: Terraform plans the new one anew
            resp.requiresReplace(Path.root(FileElements.FILE));
            resp.setPlan(plan);
            return;
        }
        if (!plan.isNull()) {
            plan = planFile(plan, prior, resp);
        }
        if (!prior.isNull() && !plan.isNull()) {
            Value elements = plan.get("elements");
            Value priorElements = prior.get("elements");
            if (elements.equals(priorElements)) {
                plan = plan.with("canonical_elements", prior.get("canonical_elements"));
            } else if (elements.isWhollyKnown() && priorElements.isWhollyKnown()) {
                Set<String> kept = new HashSet<>(ElementList.strings(priorElements));
                plan = plan.with(
                        "canonical_elements",
                        CanonicalPlan.of(
                                ElementList.strings(elements), prior.get("canonical_elements"), kept::contains));
            }
        }
        resp.setPlan(plan);
    }

    /** The file attributes of the plan (all null without {@code elements_file}). */
    private Value planFile(Value plan, Value prior, ModifyPlanResponse resp) {
        Optional<NftSet> declaration = Optional.empty();
        Value setId = plan.get("set_id");
        Optional<TableObjectId> set =
                setId.isKnown() && !plan.get(FileElements.FILE).isNull()
                        ? TableObjectId.parse(setId.asString(), Optional.empty())
                        : Optional.empty();
        if (hosts() != null && set.isPresent() && !isMap(set.get(), resp.diagnostics())) {
            declaration = declaration(set.get());
        }
        if (resp.diagnostics().hasError()) {
            return plan;
        }
        String contributor = prior.isNull()
                ? NOT_YET_CONTRIBUTED
                : Values.toRecord(prior, State.class).contributor();
        Value planned = FileElements.plan(
                workingDirectory,
                plan,
                prior,
                declaration.map(d -> hosts().agent(set.get().table().host())),
                declaration,
                contributor,
                resp.diagnostics());
        Value source = planned.get(FileElements.SOURCE_DIGEST);
        if (prior.isNull() && source.isKnown() && !source.isNull() && setId.isKnown()) {
            planned = planned.with("id", Value.string(fileId(setId.asString(), source.asString())));
        }
        if (prior.isNull() && !planned.get(FileElements.FILE).isNull()) {
            planned = planned.with("canonical_elements", Value.map(Type.STRING, Map.of()));
        }
        return planned;
    }

    /** Whether the set is a map on the host, which cannot take {@code elements_file} (an error then). */
    private boolean isMap(TableObjectId set, Diagnostics diagnostics) {
        TableListing listing = hosts().listing(set.table());
        if (!listing.exists() || listing.live().map(set.name()).isEmpty()) {
            return false;
        }
        diagnostics.addAttributeError(
                Path.root(FileElements.FILE),
                "Invalid elements_file",
                describe(set) + " is a map: `elements_file` takes the elements of a set; give map entries in "
                        + "`elements`.");
        return true;
    }

    /**
     * Writes the file's elements as this contribution's (the set must exist) and answers the state; empty after an
     * error. {@code prior} is null for a new contribution, whose id then comes from the file's element set.
     */
    private Optional<State> applyFile(State planned, State prior, Diagnostics diagnostics) {
        TableObjectId set = planned.set();
        synchronized (SET_LOCKS.computeIfAbsent(planned.setId(), id -> new Object())) {
            Optional<NftSet> declared = declaration(set);
            if (declared.isEmpty()) {
                attempt("add elements to", set).failed(diagnostics, NO_SET);
                return Optional.empty();
            }
            String id = prior != null
                    ? prior.id()
                    : planned.id() != null
                            ? planned.id()
                            : ElementsFile.read(workingDirectory, planned.elementsFile(), planned.elementsSha256())
                                    .file()
                                    .map(file -> fileId(planned.setId(), file.sourceDigest()))
                                    .orElse(planned.setId() + "/file");
            State withId = planned.withFileStatus(id, planned.fileStatus());
            return FileElements.apply(
                            workingDirectory,
                            hosts().agent(set.table().host()),
                            declared.get(),
                            withId.contributor(),
                            planned.fileStatus(),
                            prior == null ? FileElements.Status.none() : prior.fileStatus(),
                            diagnostics)
                    .map(file -> withId.withFileStatus(id, file));
        }
    }

    /**
     * The set as the host lists it, without elements, for the agent's requests about a contribution (which use only
     * its table and name; the declaration needs a type); empty when the set or its table does not exist.
     */
    private Optional<NftSet> declaration(TableObjectId set) {
        TableListing listing = hosts().listing(set.table());
        return (listing.exists() ? listing.live().set(set.name()) : Optional.<LiveSet>empty())
                .map(live -> declaration(set, live));
    }

    private static NftSet declaration(TableObjectId set, LiveSet live) {
        NftSet.Builder declared = NftSet.builder(set.table().table(), set.name());
        return live.type() != null
                ? declared.type(Arrays.stream(live.type().split("\\."))
                                .map(String::strip)
                                .toArray(String[]::new))
                        .build()
                : declared.typeof(live.typeof()).build();
    }

    /** {@code <set id>/<suffix>} of a contribution from a file: the start of its element set's digest. */
    static String fileId(String setId, String sourceDigest) {
        String hex = sourceDigest.substring(sourceDigest.indexOf(':') + 1);
        return setId + "/" + hex.substring(0, ID_SUFFIX_HEX_DIGITS);
    }

    /** The set (or map) as listed, or empty when it or its table is gone. */
    private Optional<List<String>> listed(TableObjectId set) {
        TableListing listing = hosts().listing(set.table());
        if (!listing.exists()) {
            return Optional.empty();
        }
        LiveTable live = listing.live();
        return live.set(set.name())
                .map(LiveSet::elements)
                .or(() -> live.map(set.name()).map(LiveMap::elements));
    }

    /** The planned state with each element's canonical text as listed right after apply; empty if the set is gone. */
    private Optional<State> stateAfterApply(
            State planned, String priorId, Map<String, String> kept, Set<String> foreign) {
        TableObjectId set = planned.set();
        return listed(set).map(listed -> {
            TrackedElements tracked = TrackedElements.afterApply(planned.elements(), kept, listed, foreign);
            String id = priorId != null ? priorId : idFor(planned.setId(), tracked.canonical());
            return new State(id, planned.setId(), planned.elements(), new TreeMap<>(tracked.canonical()));
        });
    }

    /** {@code <set id>/<suffix>}: a digest of the canonical texts (the written text where there is none). */
    static String idFor(String setId, Map<String, String> canonical) {
        Set<String> texts = new TreeSet<>();
        canonical.forEach((element, text) -> texts.add(text.isEmpty() ? element : text));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", texts).getBytes(StandardCharsets.UTF_8));
            return setId + "/" + HexFormat.of().formatHex(digest).substring(0, ID_SUFFIX_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void vanished(TableObjectId set, Diagnostics diagnostics) {
        diagnostics.addError(
                "Unexpected listing of " + describe(set) + " after apply",
                "The apply succeeded, but the host does not list the set (someone removed it at the same time?). "
                        + "Run `terraform apply` again.");
    }

    /** Trying to {@code verb} (a phrase ending in "of" or "to") {@code set} on its host. */
    private static Attempt attempt(String verb, TableObjectId set) {
        return Attempt.to(verb, set.describe("set"), set.table().host());
    }

    private static String describe(TableObjectId set) {
        return "set " + set.table().table().family().nftName() + " "
                + set.table().table().name() + " " + set.name() + " on "
                + set.table().host();
    }

    private Value state(State state) {
        return Values.fromRecord(schema().objectType(), state);
    }
}
