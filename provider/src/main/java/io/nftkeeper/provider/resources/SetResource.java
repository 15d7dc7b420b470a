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
import io.nftkeeper.protocol.Element;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.SetFlag;
import io.nftkeeper.protocol.SetPolicy;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.HostAccess;
import io.nftkeeper.provider.NftValidators;
import io.nftkeeper.provider.resources.SetListing.ListedSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code nftables_set}: a named set of a managed table and its elements. Creating it is one agent apply; an element
 * change is one apply that deletes and adds exactly the changed elements in one batch (never flush and refill).
 * State keeps each element as written and, in {@code canonical_elements}, as the host listed it right after apply;
 * Read compares the live elements with those canonical texts as sets, so the plan is empty unless someone changed
 * the set on the host, and then shows the host's text of exactly the elements that changed.
 */
public final class SetResource implements Resource, ResourceWithConfigure, ResourceWithImportState,
        ResourceWithModifyPlan {

    /** The resource's state, attribute for attribute. */
    public record State(String id, String tableId, String name, String type, Set<String> flags, String timeout,
                        Long size, String policy, Boolean autoMerge, Set<String> elements,
                        Map<String, String> canonicalElements) {

        TableId table() {
            return TableId.parse(tableId).orElseThrow();
        }

        Set<String> elementSet() {
            return elements == null ? Set.of() : elements;
        }

        Set<String> flagSet() {
            return flags == null ? Set.of() : flags;
        }

        /** Datapath-written elements ({@code add @set}, {@code update @set}) and expiring ones are not drift. */
        boolean writtenByDatapath() {
            return flagSet().contains("dynamic") || flagSet().contains("timeout");
        }

        /** The canonical texts of {@code element} as listed after apply; none if unknown. */
        List<String> canonicalOf(String element) {
            String canonical = canonicalElements == null ? null : canonicalElements.get(element);
            return canonical == null ? List.of() : SetListing.splitElements(canonical);
        }

        /** The protocol set with {@code values} as its elements; throws {@link NftkeeperException} when invalid. */
        NftSet set(List<String> values) {
            NftSet.Builder set = NftSet.builder(table().table(), name)
                    .type(Arrays.stream(type.split("\\.")).map(String::strip).toArray(String[]::new))
                    .flags(flagSet().stream().sorted().map(f -> SetFlag.valueOf(f.toUpperCase(Locale.ROOT)))
                            .toArray(SetFlag[]::new))
                    .elements(values);
            if (timeout != null) {
                set.timeoutMs(Durations.millis(timeout).orElseThrow(
                        () -> new NftkeeperException(Durations.syntaxHelp(timeout))));
            }
            if (size != null) {
                set.size(size);
            }
            if (policy != null) {
                set.policy(SetPolicy.valueOf(policy.toUpperCase(Locale.ROOT)));
            }
            if (Boolean.TRUE.equals(autoMerge)) {
                set.autoMerge();
            }
            return set.build();
        }

        State withElements(Set<String> newElements, Map<String, String> canonical) {
            return new State(id, tableId, name, type, flags, timeout, size, policy, autoMerge,
                    newElements.isEmpty() && elements == null ? null : Set.copyOf(newElements), Map.copyOf(canonical));
        }
    }

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*( \\. [a-z][a-z0-9_]*)*");
    private static final int DEFAULT_DYNAMIC_SIZE = 65535;
    private static final String[] FLAGS = Arrays.stream(SetFlag.values()).map(SetFlag::nftName).toArray(String[]::new);
    private static final String[] POLICIES =
            Arrays.stream(SetPolicy.values()).map(SetPolicy::nftName).toArray(String[]::new);

    private HostAccess hosts;

    @Override
    public String typeName() {
        return "nftables_set";
    }

    public static Schema schemaV0() {
        return Schema.builder()
                .description("A named set of a managed nftables table and its elements. Element changes are applied "
                        + "as one atomic transaction that deletes and adds exactly the changed elements, so the set "
                        + "is never emptied and refilled. Elements are written in nft syntax; the host's spelling of "
                        + "an element (`10.1.2.3/8` lists as `10.0.0.0/8`) is not a change.")
                .attributes(
                        Attribute.string("table_id").required()
                                .validators(TableId.VALIDATOR)
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("The `id` of the `nftables_table` this set belongs to "
                                        + "(`<host>/<family>/<table>`), e.g. `nftables_table.filter.id`. Changing it "
                                        + "replaces the set."),
                        Attribute.string("name").required()
                                .validators(NftValidators.identifier("set name"))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Set name, unique in its table. Changing it replaces the set."),
                        Attribute.string("type").required()
                                .validators(Validators.regex(TYPE, "must be nft data types joined by ` . `, e.g. "
                                        + "`ipv4_addr` or `ipv4_addr . inet_service`"))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Element type: an nft data type (`ipv4_addr`, `ipv6_addr`, "
                                        + "`inet_service`, `ether_addr`, `ifname`, `mark`, ...) or a concatenation "
                                        + "(`ipv4_addr . inet_service`). Changing it replaces the set."),
                        Attribute.set("flags", Type.STRING).optional()
                                .validators(Validators.eachElement(Validators.oneOf(FLAGS)))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Set flags: any of `" + String.join("`, `", FLAGS) + "`. `interval` "
                                        + "allows prefixes and ranges. Elements the datapath writes into a `dynamic` "
                                        + "or `timeout` set are never drift. Changing them replaces the set."),
                        Attribute.string("timeout").optional()
                                .validators((path, value, diagnostics) -> {
                                    if (Durations.millis(value.asString()).isEmpty()) {
                                        diagnostics.addAttributeError(path, "Invalid timeout",
                                                Durations.syntaxHelp(value.asString()));
                                    }
                                })
                                .description("Default element timeout in nft syntax (`30s`, `1h30m`, `2d`); needs "
                                        + "the `timeout` flag. Spellings of the same duration are the same timeout "
                                        + "(no diff); a different duration replaces the set."),
                        Attribute.number("size").optional()
                                .validators(Validators.between(1, 0xFFFF_FFFFL))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Maximum number of elements. Changing it replaces the set."),
                        Attribute.string("policy").optional()
                                .validators(Validators.oneOf(POLICIES))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("`performance` (nft's default) or `memory`. Changing it replaces the "
                                        + "set."),
                        Attribute.bool("auto_merge").optional()
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Merge adjacent and overlapping intervals (`interval` sets). Changing "
                                        + "it replaces the set."),
                        Attribute.set("elements", Type.STRING).optional()
                                .description("The elements in nft syntax, e.g. `\"10.0.0.0/8\"`, `\"22\"`, "
                                        + "`\"10.0.0.1 . 22\"`. No braces or commas. Changes are applied in place: "
                                        + "only added and removed elements are written."),
                        Attribute.map("canonical_elements", Type.STRING).computed()
                                .description("Each element as the host's nft listed it right after apply (several "
                                        + "are joined by `, ` when nft merged them). Drift detection compares these "
                                        + "texts with the live listing."),
                        Attribute.string("id").computed()
                                .planModifiers(PlanModifiers.useStateForUnknown())
                                .description("`<host>/<family>/<table>/<set>`; also the import ID."))
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
            NftSet set = planned.set(List.copyOf(new TreeSet<>(planned.elementSet())));
            Optional<ListedSet> existing = listSet(table, set, resp.diagnostics(), "create");
            if (resp.diagnostics().hasError()) {
                return;
            }
            if (existing.isPresent()) {
                resp.diagnostics().addError("Cannot create " + set.describe() + " on " + table.host(),
                        "The set already exists on the host. Import it: `terraform import <address> "
                                + table + "/" + set.name() + "`.");
                return;
            }
            hosts.agent(table.host()).apply(Transaction.builder().add(set).build());
            stateAfterApply(planned, Map.of(), set, resp.diagnostics()).ifPresent(s -> resp.setState(state(s)));
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot create set " + planned.name() + " in " + table, e.getMessage());
        }
    }

    @Override
    public void read(ReadRequest req, ReadResponse resp) {
        State current = Values.toRecord(req.state(), State.class);
        TableId table = current.table();
        try {
            TableListing listing = hosts.agent(table.host()).list(List.of(table.table())).tables().get(0);
            Optional<ListedSet> live = listing.exists()
                    ? SetListing.parse(textOf(listing)).set(current.name()) : Optional.empty();
            if (live.isEmpty()) {
                resp.removeResource();
                return;
            }
            State reconciled = reconcile(current, live.get());
            if (!reconciled.equals(current)) {
                resp.setState(state(reconciled));
            }
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot read set " + current.name() + " in " + table, e.getMessage());
        }
    }

    @Override
    public void update(UpdateRequest req, UpdateResponse resp) {
        State planned = Values.toRecord(req.plan(), State.class);
        State prior = Values.toRecord(req.state(), State.class);
        TableId table = planned.table();
        try {
            NftSet set = planned.set(List.of());
            ElementChange change = ElementChange.between(prior, planned);
            Transaction tx = change.transaction(table, planned.name());
            if (!tx.isEmpty()) {
                hosts.agent(table.host()).apply(tx);
            }
            stateAfterApply(planned, change.keptCanonical(), set, resp.diagnostics())
                    .ifPresent(s -> resp.setState(state(s)));
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot update set " + planned.name() + " in " + table, e.getMessage());
        }
    }

    @Override
    public void delete(DeleteRequest req, DeleteResponse resp) {
        State current = Values.toRecord(req.state(), State.class);
        TableId table = current.table();
        try {
            // destroy: a set someone already removed is simply gone
            NftSet set = current.set(List.of());
            hosts.agent(table.host()).apply(Transaction.builder().destroy(set).build());
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot delete set " + current.name() + " in " + table, e.getMessage());
        }
    }

    @Override
    public void importState(ImportStateRequest req, ImportStateResponse resp) {
        Optional<String> problem = TableObjectId.problem(req.id(), hosts.defaultHost(), "set", "allowed");
        if (problem.isPresent()) {
            resp.diagnostics().addError("Invalid import ID \"" + req.id() + "\"", problem.get());
            return;
        }
        TableObjectId id = TableObjectId.parse(req.id(), hosts.defaultHost()).orElseThrow();
        TableId table = id.table();
        String tableId = table.toString();
        String name = id.name();
        String what = "set " + table.table().family().nftName() + " " + table.table().name() + " " + name;
        try {
            TableListing listing = hosts.agent(table.host()).list(List.of(table.table())).tables().get(0);
            if (!listing.exists() || !listing.managed()) {
                resp.diagnostics().addError("Cannot import " + what + " from " + table.host(),
                        listing.exists() ? table.table().describe() + " is not managed by nftkeeper: import it as an "
                                + "nftables_table first (`" + table + "`)."
                                : table.table().describe() + " does not exist on the host.");
                return;
            }
            Optional<ListedSet> live = SetListing.parse(textOf(listing)).set(name);
            if (live.isEmpty()) {
                resp.diagnostics().addError("Cannot import " + what + " from " + table.host(),
                        "The set does not exist in " + table.table().describe() + ".");
                return;
            }
            resp.setState(state(imported(tableId, live.get())));
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot import " + what + " from " + table.host(), e.getMessage());
        }
    }

    /**
     * Completes the plan: {@code id} from table and name; a timeout spelled differently but equally long keeps its
     * prior spelling (no diff), a different duration replaces the set; {@code canonical_elements} stays known when
     * the elements do not change.
     */
    @Override
    public void modifyPlan(ModifyPlanRequest req, ModifyPlanResponse resp) {
        Value plan = resp.plan();
        Value prior = req.state();
        Value tableId = plan.get("table_id");
        Value name = plan.get("name");
        if (tableId.isKnown() && name.isKnown() && TableId.parse(tableId.asString()).isPresent()) {
            plan = plan.with("id", Value.string(tableId.asString() + "/" + name.asString()));
        }
        if (!prior.isNull() && !plan.isNull()) {
            Value before = prior.get("timeout");
            Value after = plan.get("timeout");
            if (after.isKnown() && !before.equals(after)) {
                if (!before.isNull() && !after.isNull() && Durations.millis(before.asString())
                        .equals(Durations.millis(after.asString()))) {
                    plan = plan.with("timeout", before);
                } else {
                    resp.requiresReplace(Path.root("timeout"));
                }
            }
            if (plan.get("elements").equals(prior.get("elements"))) {
                plan = plan.with("canonical_elements", prior.get("canonical_elements"));
            }
        }
        resp.setPlan(plan);
    }

    /**
     * The state as the host has it: {@code current} itself when the live set matches what was stored (the user's
     * text stays, the plan is empty); otherwise the live properties, and the elements where each element whose
     * canonical texts are all still listed keeps the user's text, and elements added or left over on the host carry
     * the host's text. Elements the datapath wrote into a dynamic or timeout set are not added.
     */
    static State reconcile(State current, ListedSet live) {
        State state = sameProperties(current, live) ? current : withLiveProperties(current, live);
        Set<String> listed = new LinkedHashSet<>(live.elements());
        Set<String> stored = new LinkedHashSet<>();
        current.elementSet().forEach(e -> stored.addAll(current.canonicalOf(e)));
        Set<String> added = new LinkedHashSet<>(listed);
        added.removeAll(stored);
        if (state.writtenByDatapath()) {
            added.clear();
        }
        if (added.isEmpty() && listed.containsAll(stored)) {
            return state;
        }
        Set<String> elements = new TreeSet<>();
        Map<String, String> canonical = new TreeMap<>();
        Set<String> claimed = new LinkedHashSet<>();
        for (String element : current.elementSet()) {
            List<String> forms = current.canonicalOf(element);
            if (listed.containsAll(forms)) {
                elements.add(element);
                canonical.put(element, String.join(", ", forms));
                claimed.addAll(forms);
            }
        }
        for (String element : current.elementSet()) {
            for (String form : current.canonicalOf(element)) {
                if (listed.contains(form) && !claimed.contains(form)) {
                    elements.add(form);
                    canonical.put(form, form);
                    claimed.add(form);
                }
            }
        }
        for (String form : added) {
            if (claimed.add(form)) {
                elements.add(form);
                canonical.put(form, form);
            }
        }
        return state.withElements(elements, canonical);
    }

    private static boolean sameProperties(State current, ListedSet live) {
        return normalType(current.type()).equals(normalType(live.type()))
                && current.flagSet().equals(live.flags())
                && Objects.equals(current.timeout() == null ? null : Durations.millis(current.timeout()),
                        live.timeout() == null ? null : Durations.millis(live.timeout()))
                && (current.size() == null || current.size().equals(live.size()))
                && Objects.equals(current.policy() == null ? "performance" : current.policy(),
                        live.policy() == null ? "performance" : live.policy())
                && Boolean.TRUE.equals(current.autoMerge()) == live.autoMerge();
    }

    private static State withLiveProperties(State current, ListedSet live) {
        return new State(current.id(), current.tableId(), current.name(),
                live.type() == null ? live.typeof() : normalType(live.type()),
                live.flags().isEmpty() && current.flags() == null ? null : Set.copyOf(live.flags()),
                live.timeout(), listedSize(live), live.policy(),
                live.autoMerge() ? Boolean.TRUE : current.autoMerge() == null ? null : Boolean.FALSE,
                current.elements(), current.canonicalElements());
    }

    /** The state of a set imported as listed: the host's text for every element. */
    static State imported(String tableId, ListedSet live) {
        Map<String, String> canonical = new TreeMap<>();
        live.elements().forEach(e -> canonical.put(e, e));
        return new State(tableId + "/" + live.name(), tableId, live.name(),
                live.type() == null ? live.typeof() : normalType(live.type()),
                live.flags().isEmpty() ? null : Set.copyOf(live.flags()), live.timeout(), listedSize(live),
                live.policy(), live.autoMerge() ? Boolean.TRUE : null,
                live.elements().isEmpty() ? null : Set.copyOf(live.elements()), canonical);
    }

    /** nft lists {@code size 65535} for a dynamic set given no size: that is no size in the configuration. */
    private static Long listedSize(ListedSet live) {
        return live.size() != null && live.size() == DEFAULT_DYNAMIC_SIZE && live.flags().contains("dynamic")
                ? null : live.size();
    }

    private static String normalType(String type) {
        return type == null ? "" : type.strip().replaceAll("\\s*\\.\\s*", " . ");
    }

    /**
     * The canonical texts of every element right after apply. Elements kept from the prior state keep theirs; an
     * element listed exactly as written is its own canonical text; the elements written in another spelling share
     * what is left of the listing (nft may have merged them), so dropping any of them is still exact.
     */
    static Map<String, String> canonicalAfterApply(Set<String> elements, Map<String, String> kept,
                                                   List<String> listed, boolean writtenByDatapath) {
        Map<String, String> canonical = new TreeMap<>();
        Set<String> unclaimed = new LinkedHashSet<>(listed);
        List<String> respelled = new ArrayList<>();
        for (String element : new TreeSet<>(elements)) {
            String known = kept.get(element);
            if (known != null && unclaimed.containsAll(SetListing.splitElements(known))) {
                canonical.put(element, known);
                SetListing.splitElements(known).forEach(unclaimed::remove);
            } else if (unclaimed.remove(element)) {
                canonical.put(element, element);
            } else {
                respelled.add(element);
            }
        }
        if (writtenByDatapath && respelled.isEmpty()) {
            return canonical;
        }
        String rest = String.join(", ", unclaimed);
        respelled.forEach(element -> canonical.put(element, rest));
        return canonical;
    }

    /** The elements to delete and add to go from the prior state to the planned one. */
    record ElementChange(List<String> delete, List<String> add, Map<String, String> keptCanonical) {

        static ElementChange between(State prior, State planned) {
            Set<String> removed = new TreeSet<>(prior.elementSet());
            removed.removeAll(planned.elementSet());
            Set<String> deleted = new LinkedHashSet<>();
            removed.forEach(e -> deleted.addAll(prior.canonicalOf(e)));
            Set<String> added = new TreeSet<>(planned.elementSet());
            added.removeAll(prior.elementSet());
            Map<String, String> kept = new LinkedHashMap<>();
            for (String element : planned.elementSet()) {
                if (!prior.elementSet().contains(element)) {
                    continue;
                }
                List<String> forms = prior.canonicalOf(element);
                if (forms.stream().anyMatch(deleted::contains)) {
                    added.add(element); // shared a merged listing with a deleted element: write it again
                } else if (!forms.isEmpty()) {
                    kept.put(element, String.join(", ", forms));
                }
            }
            return new ElementChange(List.copyOf(deleted), List.copyOf(added), kept);
        }

        Transaction transaction(TableId table, String set) {
            Transaction.Builder tx = Transaction.builder();
            if (!delete.isEmpty()) {
                tx.delete(new Element(table.table(), set, delete));
            }
            if (!add.isEmpty()) {
                tx.add(new Element(table.table(), set, add));
            }
            return tx.build();
        }
    }

    private Optional<ListedSet> listSet(TableId table, NftSet set, Diagnostics diagnostics, String action) {
        TableListing listing = hosts.agent(table.host()).list(List.of(table.table())).tables().get(0);
        if (!listing.exists()) {
            diagnostics.addError("Cannot " + action + " " + set.describe() + " on " + table.host(),
                    table.table().describe() + " does not exist on the host.");
            return Optional.empty();
        }
        return SetListing.parse(textOf(listing)).set(set.name());
    }

    /** The planned state with each element's canonical text as the host lists it now, right after apply. */
    private Optional<State> stateAfterApply(State planned, Map<String, String> kept, NftSet set,
                                            Diagnostics diagnostics) {
        Optional<ListedSet> listed = listSet(planned.table(), set, diagnostics, "list");
        if (diagnostics.hasError()) {
            return Optional.empty();
        }
        if (listed.isEmpty()) {
            diagnostics.addError("Unexpected listing of " + set.describe() + " after apply",
                    "The apply succeeded, but the host does not list the set (someone removed it at the same "
                            + "time?). Run `terraform apply` again.");
            return Optional.empty();
        }
        Map<String, String> canonical = canonicalAfterApply(planned.elementSet(), kept, listed.get().elements(),
                planned.writtenByDatapath());
        String id = planned.table() + "/" + planned.name();
        return Optional.of(new State(id, planned.tableId(), planned.name(), planned.type(), planned.flags(),
                planned.timeout(), planned.size(), planned.policy(), planned.autoMerge(), planned.elements(),
                canonical));
    }

    private static String textOf(TableListing listing) {
        if (listing.text() == null) {
            throw new NftkeeperException("the agent on the host did not list " + listing.table().describe()
                    + " as text; it predates nftables_set");
        }
        return listing.text();
    }

    private Value state(State state) {
        return Values.fromRecord(schema().objectType(), state);
    }

    /** nft durations: {@code 1d2h3m4s5ms}, at least one part, each unit once, in that order. */
    static final class Durations {
        private static final Pattern DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?"
                + "(?:(\\d+)s)?(?:(\\d+)ms)?");
        private static final long[] UNIT_MS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};

        private Durations() {
        }

        static Optional<Long> millis(String text) {
            Matcher m = DURATION.matcher(text == null ? "" : text.strip());
            if (text == null || text.isBlank() || !m.matches()) {
                return Optional.empty();
            }
            long total = 0;
            for (int i = 0; i < UNIT_MS.length; i++) {
                if (m.group(i + 1) != null) {
                    total += Long.parseLong(m.group(i + 1)) * UNIT_MS[i];
                }
            }
            return total > 0 ? Optional.of(total) : Optional.empty();
        }

        static String syntaxHelp(String text) {
            return "\"" + text + "\" is not an nft duration: write e.g. `30s`, `10m`, `1h30m` or `2d` (units d, h, "
                    + "m, s, ms, largest first).";
        }
    }
}
