package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.PlanModifiers;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.NftDuration;
import io.nftkeeper.protocol.NftObject;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.SetFlag;
import io.nftkeeper.protocol.SetPolicy;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.live.LiveChain;
import io.nftkeeper.protocol.live.LiveRule;
import io.nftkeeper.protocol.live.LiveSet;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.TableListing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code nftables_set}: a named set of a managed table and its elements. Creating it is one agent apply; an element
 * change is one apply that deletes and adds exactly the changed elements in one batch (never flush and refill).
 * State keeps each element as written and, in {@code canonical_elements}, as the host listed it right after apply;
 * Read compares the live elements with those canonical texts as sets, so the plan is empty unless someone changed
 * the set on the host, and then shows the host's text of exactly the elements that changed.
 */
public final class SetResource extends SetLikeResource<SetResource.State, NftSet, LiveSet> {

    static final String KIND = "set";

    /** The resource's state, attribute for attribute. */
    public record State(
            String id,
            String tableId,
            String name,
            String type,
            Set<String> flags,
            String timeout,
            Long size,
            String policy,
            Boolean autoMerge,
            List<String> elements,
            Map<String, String> canonicalElements,
            String elementsFile,
            String elementsSha256,
            Long elementsCount,
            String elementsDigest,
            String elementsSourceDigest,
            String elementsChange)
            implements SetLikeState {

        /** A state without {@code elements_file}. */
        State(
                String id,
                String tableId,
                String name,
                String type,
                Set<String> flags,
                String timeout,
                Long size,
                String policy,
                Boolean autoMerge,
                List<String> elements,
                Map<String, String> canonicalElements) {
            this(
                    id,
                    tableId,
                    name,
                    type,
                    flags,
                    timeout,
                    size,
                    policy,
                    autoMerge,
                    elements,
                    canonicalElements,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }

        @Override
        public List<String> configuredElements() {
            return elements == null ? List.of() : elements;
        }

        Set<String> flagSet() {
            return flags == null ? Set.of() : flags;
        }

        /** The kernel refuses element changes of a constant set (EBUSY): they replace it. */
        boolean constant() {
            return flagSet().contains("constant");
        }

        /** Datapath-written elements ({@code add @set}, {@code update @set}) and expiring ones are not drift. */
        @Override
        public boolean writtenByDatapath() {
            return flagSet().contains("dynamic") || flagSet().contains("timeout");
        }

        /**
         * Whether this resource manages the set's elements. With {@code elements} null it does not: Read ignores
         * them and no update deletes them, so {@code nftables_set_elements} (or anyone) may fill the set.
         */
        @Override
        public boolean managesElements() {
            return elements != null;
        }

        @Override
        public TrackedElements tracked() {
            return TrackedElements.of(configuredElements(), canonicalElements);
        }

        /** The protocol set with {@code values} as its elements; throws {@link NftkeeperException} when invalid. */
        NftSet set(List<String> values) {
            NftSet.Builder set = NftSet.builder(table().table(), name)
                    .type(Arrays.stream(type.split("\\.")).map(String::strip).toArray(String[]::new))
                    .flags(flagSet().stream()
                            .sorted()
                            .map(f -> SetFlag.valueOf(f.toUpperCase(Locale.ROOT)))
                            .toArray(SetFlag[]::new))
                    .elements(values);
            if (timeout != null) {
                set.timeoutMs(NftDuration.millis(timeout)
                        .orElseThrow(() -> new NftkeeperException(NftDuration.syntaxHelp(timeout))));
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

        State withElements(TrackedElements tracked) {
            return new State(
                    id,
                    tableId,
                    name,
                    type,
                    flags,
                    timeout,
                    size,
                    policy,
                    autoMerge,
                    tracked.elements(),
                    Map.copyOf(tracked.canonical()),
                    elementsFile,
                    elementsSha256,
                    elementsCount,
                    elementsDigest,
                    elementsSourceDigest,
                    elementsChange);
        }

        FileElements.Status fileStatus() {
            return new FileElements.Status(
                    elementsFile, elementsSha256, elementsCount, elementsDigest, elementsSourceDigest, elementsChange);
        }

        State withFileStatus(FileElements.Status file) {
            return new State(
                    id,
                    tableId,
                    name,
                    type,
                    flags,
                    timeout,
                    size,
                    policy,
                    autoMerge,
                    elements,
                    canonicalElements,
                    file.file(),
                    file.sha256(),
                    file.count(),
                    file.digest(),
                    file.sourceDigest(),
                    file.change());
        }
    }

    /** The attributes a chain's dry run needs to declare this set (without its elements). */
    private static final List<String> DECLARED_BY = List.of("type", "flags", "timeout", "size", "policy", "auto_merge");

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*( \\. [a-z][a-z0-9_]*)*");

    /** What a relative {@code elements_file} is relative to: the working directory of the Terraform served. */
    private final java.nio.file.Path workingDirectory;

    public SetResource(java.nio.file.Path workingDirectory) {
        super(new TableObjectKind<>(KIND, "nftables_set", SetResource::schemaV0, State.class, "allowed", DECLARED_BY));
        this.workingDirectory = workingDirectory;
    }

    public static Schema schemaV0() {
        return Schema.builder()
                .description("A named set of a managed nftables table and its elements. Element changes are applied "
                        + "as one atomic transaction that deletes and adds exactly the changed elements, so the set "
                        + "is never emptied and refilled. Elements are written in nft syntax; the host's spelling of "
                        + "an element (`10.1.2.3/8` lists as `10.0.0.0/8`) is not a change.")
                .attributes(
                        TableObjectAttributes.tableId(KIND, "filter"),
                        TableObjectAttributes.name(
                                KIND, "Set name, unique in its table. Changing it replaces the set."),
                        Attribute.string("type")
                                .required()
                                .validators(Validators.regex(
                                        TYPE,
                                        "must be nft data types joined by ` . `, e.g. "
                                                + "`ipv4_addr` or `ipv4_addr . inet_service`"))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Element type: an nft data type (`ipv4_addr`, `ipv6_addr`, "
                                        + "`inet_service`, `ether_addr`, `ifname`, `mark`, ...) or a concatenation "
                                        + "(`ipv4_addr . inet_service`). Changing it replaces the set."),
                        Attribute.set("flags", Type.STRING)
                                .optional()
                                .validators(Validators.eachElement(Validators.oneOf(FLAGS)))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Set flags: any of `" + String.join("`, `", FLAGS) + "`. `interval` "
                                        + "allows prefixes and ranges. Elements the datapath writes into a `dynamic` "
                                        + "or `timeout` set are never drift. Changing them replaces the set. The "
                                        + "kernel cannot change the elements of a `constant` set: a change of "
                                        + "`elements` replaces it in one transaction together with the rules that "
                                        + "use it (they are added again at their places, with fresh counters)."),
                        Attribute.string("timeout")
                                .optional()
                                .validators(Durations.VALIDATOR)
                                .description("Default element timeout in nft syntax (`30s`, `1h30m`, `2d`); needs "
                                        + "the `timeout` flag. Spellings of the same duration are the same timeout "
                                        + "(no diff); a different duration replaces the set."),
                        size(KIND, "elements"),
                        policy(KIND),
                        Attribute.bool("auto_merge")
                                .optional()
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Merge adjacent and overlapping intervals (`interval` sets). Changing "
                                        + "it replaces the set."),
                        ElementList.attribute("elements")
                                .optional()
                                .description("The elements in nft syntax, e.g. `\"10.0.0.0/8\"`, `\"22\"`, "
                                        + "`\"10.0.0.1 . 22\"`, with an optional per-element timeout and comment as "
                                        + "nft writes them: `\"10.1.1.1 timeout 1h comment \\\"on call\\\"\"` (the "
                                        + "countdown nft shows as `expires` is never drift; an element that expired is "
                                        + "gone, and the next apply adds it again). No braces, and commas only inside "
                                        + "a comment. Changes are applied in place: only added and removed elements are "
                                        + "written. `[]` keeps the set empty. Leaving `elements` out (null) means this "
                                        + "resource does not manage the elements at all: they are never read as drift "
                                        + "and never deleted, so `nftables_set_elements` resources can fill the set; "
                                        + "removing `elements` from a configuration leaves the elements in place. "
                                        + ElementAddresses.DESCRIPTION + " The plan also puts changed elements "
                                        + "through the host's nft (a dry run), so an element nft refuses, such as an "
                                        + "unknown service name, fails the plan on that element. "
                                        + ElementList.SEMANTICS
                                        + " Drift keeps the order too: elements gone from the host leave the list, "
                                        + "elements added there are appended, sorted."),
                        Attribute.map("canonical_elements", Type.STRING)
                                .computed()
                                .description("Each element as the host's nft listed it right after apply (several "
                                        + "are joined by `, ` when nft merged them). Drift detection compares these "
                                        + "texts with the live listing."),
                        TableObjectAttributes.id(KIND))
                .configValidators(ElementAddresses::checkSet)
                .attributes(FileElements.attributes("elements"))
                .build();
    }

    @Override
    NftObject scratch(State state) {
        return PlannedElements.scratch(state.set(List.of()));
    }

    /**
     * Elements come either from {@code elements} or from {@code elements_file}; changed elements go through the
     * host's nft; a change of a constant set's elements replaces it, which the plan warns about.
     */
    @Override
    Optional<Value> checked(Value plan, Value prior, Diagnostics diagnostics) {
        if (!plan.get("elements").isNull() && !plan.get(FileElements.FILE).isNull()) {
            diagnostics.addAttributeError(
                    Path.root(FileElements.FILE),
                    "Conflicting attributes",
                    "Give the elements either in `elements` or in `elements_file`, not both.");
            return Optional.empty();
        }
        Optional<State> declared = declared(plan);
        plan = FileElements.plan(
                workingDirectory,
                plan,
                prior,
                declared.map(d -> hosts().agent(d.table().host())),
                declared.map(d -> d.set(List.of())),
                diagnostics);
        Value elements = plan.get("elements");
        if (hosts() != null
                && declared.isPresent()
                && elements.isWhollyKnown()
                && !elements.isNull()
                && (prior.isNull() || !elements.equals(prior.get("elements")))) {
            PlannedElements.check(
                    hosts().agent(declared.get().table().host()),
                    declared.get().set(List.of()),
                    ElementList.strings(elements),
                    diagnostics);
        }
        Value priorElements = prior.isNull() ? null : prior.get("elements");
        if (priorElements != null && !priorElements.isNull() && !elements.equals(priorElements) && constantFlag(plan)) {
            diagnostics.addAttributeWarning(
                    Path.root("elements"),
                    "Constant set " + plan.get("name").asString() + " is replaced to change its elements",
                    "The kernel cannot add or remove elements of a `constant` set, nor delete a set rules use. "
                            + "Apply replaces the set in one transaction together with the rules that use it: "
                            + "they are deleted and added again at their places (new handles, anonymous "
                            + "counters start from 0), and no packet ever sees the set missing.");
        }
        return Optional.of(plan);
    }

    @Override
    Value plannedCanonical(Value changed, Value before, Value canonical) {
        Set<String> kept =
                before.isWhollyKnown() && !before.isNull() ? new HashSet<>(ElementList.strings(before)) : Set.of();
        return CanonicalPlan.of(ElementList.strings(changed), canonical, kept::contains);
    }

    /**
     * The state as the host has it: {@code current} itself when the live set matches what was stored (the user's
     * text stays, the plan is empty); otherwise the live properties, and the elements where each element whose
     * canonical texts are all still listed keeps the user's text, and elements added or left over on the host carry
     * the host's text. Elements the datapath wrote into a dynamic or timeout set are not added. When the resource
     * does not manage elements ({@code elements} null), they are not read at all.
     */
    static State reconcile(State current, LiveSet live) {
        State state = sameProperties(current, live) ? current : withLiveProperties(current, live);
        if (!current.managesElements()) {
            return state;
        }
        return current.tracked()
                .reconcile(live.elements(), state.writtenByDatapath())
                .map(state::withElements)
                .orElse(state);
    }

    private static boolean constantFlag(Value plan) {
        Value flags = plan.get("flags");
        return flags.isWhollyKnown() && !flags.isNull() && flags.asSet().contains(Value.string("constant"));
    }

    private static boolean sameProperties(State current, LiveSet live) {
        return normalType(current.type()).equals(normalType(live.type()))
                && sameCommonProperties(current.flagSet(), current.timeout(), current.size(), current.policy(), live)
                && Boolean.TRUE.equals(current.autoMerge()) == live.autoMerge();
    }

    private static State withLiveProperties(State current, LiveSet live) {
        return new State(
                current.id(),
                current.tableId(),
                current.name(),
                live.type() == null ? live.typeof() : normalType(live.type()),
                live.flags().isEmpty() && current.flags() == null
                        ? null
                        : Set.copyOf(impliedFlags(current.flagSet(), live)),
                live.timeout(),
                listedSize(live),
                live.policy(),
                live.autoMerge() ? Boolean.TRUE : current.autoMerge() == null ? null : Boolean.FALSE,
                current.elements(),
                current.canonicalElements(),
                current.elementsFile(),
                current.elementsSha256(),
                current.elementsCount(),
                current.elementsDigest(),
                current.elementsSourceDigest(),
                current.elementsChange());
    }

    /** The state of a set imported as listed: the host's text for every element. */
    static State imported(String tableId, LiveSet live) {
        Map<String, String> canonical = new TreeMap<>();
        live.elements().forEach(e -> canonical.put(e, e));
        return new State(
                tableId + "/" + live.name(),
                tableId,
                live.name(),
                live.type() == null ? live.typeof() : normalType(live.type()),
                live.flags().isEmpty() ? null : Set.copyOf(live.flags()),
                live.timeout(),
                listedSize(live),
                live.policy(),
                live.autoMerge() ? Boolean.TRUE : null,
                live.elements().isEmpty() ? null : List.copyOf(new LinkedHashSet<>(live.elements())),
                canonical);
    }

    /**
     * A constant set's new elements in one batch: the kernel neither changes a constant set's elements nor deletes a
     * set that rules use (both EBUSY), so the batch deletes the rules that use the set (by handle), replaces the set,
     * and adds those rules again where they were: before the next rule that stays, or at the end of their chain. The
     * set is never missing for a packet; the re-added rules get new handles and fresh anonymous counters.
     */
    private Transaction constantSetReplacement(State planned, TableId table) {
        NftSet set = planned.set(List.copyOf(new TreeSet<>(planned.configuredElements())));
        TableListing listing = hosts().agent(table.host())
                .listAfresh(new ListParams(List.of(table.table())))
                .tables()
                .get(0);
        Transaction.Builder tx = Transaction.builder();
        List<Runnable> readd = new ArrayList<>();
        if (listing.exists()) {
            LiveTable live = listing.live();
            for (LiveChain chain : live.chains()) {
                List<LiveRule> rules = chain.rules();
                for (int i = 0; i < rules.size(); i++) {
                    LiveRule user = rules.get(i);
                    if (!usesSet(live, chain, user, set.name())) {
                        continue;
                    }
                    Rule rule = new Rule(table.table(), chain.name(), user.expr(), user.comment());
                    tx.delete(rule.withHandle(user.handle()));
                    Optional<LiveRule> next = rules.subList(i + 1, rules.size()).stream()
                            .filter(r -> !usesSet(live, chain, r, set.name()))
                            .findFirst();
                    readd.add(
                            next.isPresent()
                                    ? () -> tx.insertBefore(rule, next.get().handle())
                                    : () -> tx.add(rule));
                }
            }
        }
        tx.delete(set.withoutElements()).add(set);
        readd.forEach(Runnable::run);
        return tx.build();
    }

    private static boolean usesSet(LiveTable table, LiveChain chain, LiveRule rule, String set) {
        return table.referencesTo("set", set).stream()
                .anyMatch(r -> r.chain().equals(chain.name()) && r.handle() == rule.handle());
    }

    @Override
    NftSet object(State state, List<String> elements) {
        return state.set(elements);
    }

    @Override
    Optional<LiveSet> live(LiveTable table, String name) {
        return table.set(name);
    }

    @Override
    Optional<String> nameTaken(LiveTable table, String name) {
        return table.set(name).map(set -> "The set already exists on the host.");
    }

    @Override
    State reconciled(State current, LiveSet live) {
        return reconcile(current, live);
    }

    @Override
    State importedState(String tableId, LiveSet live) {
        return imported(tableId, live);
    }

    @Override
    boolean appliedFromFile(State planned, State prior, NftSet set, Diagnostics diagnostics, Consumer<State> state) {
        if (!planned.fileStatus().managed()) {
            return false;
        }
        FileElements.apply(
                        workingDirectory,
                        hosts().agent(planned.table().host()),
                        set,
                        planned.fileStatus(),
                        prior == null ? FileElements.Status.none() : prior.fileStatus(),
                        diagnostics)
                .ifPresent(file -> state.accept(afterApply(planned, TrackedElements.of(Set.of(), Map.of()))
                        .withFileStatus(file)));
        return true;
    }

    @Override
    State refreshed(State current, State reconciled) {
        return FileElements.refresh(hosts().agent(current.table().host()), current.set(List.of()), current.fileStatus())
                .map(reconciled::withFileStatus)
                .orElse(reconciled);
    }

    @Override
    Transaction elementChange(State planned, TableId table, Transaction change) {
        return planned.constant() ? constantSetReplacement(planned, table) : change;
    }

    @Override
    State afterApply(State planned, TrackedElements tracked) {
        String id = planned.table() + "/" + planned.name();
        return new State(
                id,
                planned.tableId(),
                planned.name(),
                planned.type(),
                planned.flags(),
                planned.timeout(),
                planned.size(),
                planned.policy(),
                planned.autoMerge(),
                planned.elements(),
                new TreeMap<>(tracked.canonical()),
                planned.elementsFile(),
                planned.elementsSha256(),
                planned.elementsCount(),
                planned.elementsDigest(),
                planned.elementsSourceDigest(),
                planned.elementsChange());
    }
}
