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
import io.nftkeeper.protocol.NftDuration;
import io.nftkeeper.protocol.NftMap;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.SetFlag;
import io.nftkeeper.protocol.SetPolicy;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.live.LiveMap;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.HostAccess;
import io.nftkeeper.provider.NftValidators;
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
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code nftables_map}: a named map of a managed table and its entries, for verdict maps ({@code vmap @m}), DNAT
 * maps ({@code dnat ip to tcp dport map @m}) and friends. It behaves like {@code nftables_set}: creating it is one
 * apply; an entry change is one apply that deletes and adds exactly the changed entries (a changed value of a kept
 * key is a delete and an add of that entry in the same batch); state keeps each entry's canonical text as the host
 * listed it right after apply, so the host's spelling is not drift. Entries are elements {@code key : value}.
 */
public final class MapResource
        implements Resource, ResourceWithConfigure, ResourceWithImportState, ResourceWithModifyPlan {

    /** The resource's state, attribute for attribute. {@code elements} and {@code canonicalElements} are by key. */
    public record State(
            String id,
            String tableId,
            String name,
            String type,
            String typeof,
            String valueType,
            Set<String> flags,
            String timeout,
            Long size,
            String policy,
            Map<String, String> elements,
            Map<String, String> canonicalElements) {

        TableId table() {
            return TableId.parse(tableId).orElseThrow();
        }

        Set<String> flagSet() {
            return flags == null ? Set.of() : flags;
        }

        /** Entries the datapath writes ({@code update @m}) and expiring ones are not drift. */
        boolean writtenByDatapath() {
            return flagSet().contains("dynamic") || flagSet().contains("timeout") || timeout != null;
        }

        /** With {@code elements} null the resource does not manage the entries (as nftables_set). */
        boolean managesElements() {
            return elements != null;
        }

        /** The entries as elements {@code key : value}. */
        Set<String> entries() {
            Set<String> entries = new TreeSet<>();
            if (elements != null) {
                elements.forEach((key, value) -> entries.add(entry(key, value)));
            }
            return entries;
        }

        TrackedElements tracked() {
            Map<String, String> canonical = new TreeMap<>();
            if (elements != null && canonicalElements != null) {
                elements.forEach((key, value) -> {
                    String text = canonicalElements.get(key);
                    if (text != null) {
                        canonical.put(entry(key, value), text);
                    }
                });
            }
            return TrackedElements.of(entries(), canonical);
        }

        /** The protocol map with {@code entries} as its elements; throws {@link NftkeeperException} when invalid. */
        NftMap map(List<String> entries) {
            NftMap.Builder map = NftMap.builder(table().table(), name)
                    .value(valueType)
                    .flags(flagSet().stream()
                            .sorted()
                            .map(f -> SetFlag.valueOf(f.toUpperCase(Locale.ROOT)))
                            .toArray(SetFlag[]::new))
                    .elements(entries);
            if (typeof != null) {
                map.typeof(typeof);
            } else if (type != null) {
                map.type(Arrays.stream(type.split("\\.")).map(String::strip).toArray(String[]::new));
            }
            if (timeout != null) {
                map.timeoutMs(NftDuration.millis(timeout)
                        .orElseThrow(() -> new NftkeeperException(NftDuration.syntaxHelp(timeout))));
            }
            if (size != null) {
                map.size(size);
            }
            if (policy != null) {
                map.policy(SetPolicy.valueOf(policy.toUpperCase(Locale.ROOT)));
            }
            return map.build();
        }

        State withEntries(TrackedElements tracked) {
            Map<String, String> byKey = new TreeMap<>();
            Map<String, String> canonical = new TreeMap<>();
            for (String element : tracked.elements()) {
                int colon = NftMap.keyValueSeparator(element);
                String key = element.substring(0, colon);
                byKey.put(key, element.substring(colon + 3));
                canonical.put(key, tracked.canonical().getOrDefault(element, element));
            }
            return new State(
                    id,
                    tableId,
                    name,
                    type,
                    typeof,
                    valueType,
                    flags,
                    timeout,
                    size,
                    policy,
                    elements == null && byKey.isEmpty() ? null : byKey,
                    canonical);
        }
    }

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*( ?\\. ?[a-z][a-z0-9_]*)*");
    private static final int DEFAULT_DYNAMIC_SIZE = 65535;
    private static final String[] FLAGS =
            Arrays.stream(SetFlag.values()).map(SetFlag::nftName).toArray(String[]::new);
    private static final String[] POLICIES =
            Arrays.stream(SetPolicy.values()).map(SetPolicy::nftName).toArray(String[]::new);

    private HostAccess hosts;

    @Override
    public String typeName() {
        return "nftables_map";
    }

    public static Schema schemaV0() {
        return Schema.builder()
                .description("A named map of a managed nftables table and its entries: verdict maps (`ip saddr vmap "
                        + "@m`), DNAT maps (`dnat ip to tcp dport map @m`, `dnat ip to ip daddr . tcp dport map @m`), "
                        + "mark maps and so on. Entry changes are applied as one atomic transaction that deletes and "
                        + "adds exactly the changed entries; a new value for an existing key replaces that entry in the "
                        + "same batch. The host's spelling of an entry (`10.1.2.3/8` lists as `10.0.0.0/8`) is not a "
                        + "change.")
                .attributes(
                        Attribute.string("table_id")
                                .required()
                                .validators(NftValidators.tableId())
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("The `id` of the `nftables_table` this map belongs to "
                                        + "(`<host>/<family>/<table>`), e.g. `nftables_table.nat.id`. Changing it "
                                        + "replaces the map."),
                        Attribute.string("name")
                                .required()
                                .validators(NftValidators.identifier("map"))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Map name, unique among the sets and maps of its table (nft keywords "
                                        + "such as `dnat` or `fwd` cannot be names). Changing it replaces the map."),
                        Attribute.string("value_type")
                                .required()
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("What keys map to: `verdict`, a data type (`ipv4_addr`, `mark`, "
                                        + "`inet_service`, ...) or a concatenation (`ipv4_addr . inet_service`) after "
                                        + "`type`; an expression (`meta mark`, `ip daddr . tcp dport`) or `verdict` "
                                        + "after `typeof`. Changing it replaces the map."),
                        Attribute.string("type")
                                .optional()
                                .validators(Validators.regex(
                                        TYPE,
                                        "must be nft data types joined by ` . `, e.g. "
                                                + "`ipv4_addr` or `ipv4_addr . inet_service`"))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Key type: an nft data type (`ipv4_addr`, `ipv6_addr`, `inet_service`, "
                                        + "`ether_addr`, `ifname`, `mark`, ...) or a concatenation "
                                        + "(`ipv4_addr . inet_service`). Exactly one of `type` and `typeof`. Changing "
                                        + "it replaces the map."),
                        Attribute.string("typeof")
                                .optional()
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Key given by an expression, e.g. `ip saddr` or `ip daddr . tcp dport`. "
                                        + "Exactly one of `type` and `typeof`. Changing it replaces the map."),
                        Attribute.set("flags", Type.STRING)
                                .optional()
                                .validators(Validators.eachElement(Validators.oneOf(FLAGS)))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Map flags: any of `" + String.join("`, `", FLAGS) + "`. `interval` "
                                        + "allows prefixes and ranges as keys. Entries the datapath writes into a "
                                        + "`dynamic` or `timeout` map are never drift. Changing them replaces the "
                                        + "map."),
                        Attribute.string("timeout")
                                .optional()
                                .validators(Durations.VALIDATOR)
                                .description("Default entry timeout in nft syntax (`30s`, `1h30m`, `2d`). Spellings "
                                        + "of the same duration are the same timeout (no diff); a different duration "
                                        + "replaces the map."),
                        Attribute.number("size")
                                .optional()
                                .validators(Validators.between(1, 0xFFFF_FFFFL))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Maximum number of entries. Changing it replaces the map."),
                        Attribute.string("policy")
                                .optional()
                                .validators(Validators.oneOf(POLICIES))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("`performance` (nft's default) or `memory`. Changing it replaces the "
                                        + "map."),
                        Attribute.map("elements", Type.STRING)
                                .optional()
                                .description("The entries, key → value, both in nft syntax: `{ \"10.0.0.1\" = "
                                        + "\"accept\", \"10.0.0.0/8\" = \"jump admin\" }` for a verdict map, "
                                        + "`{ \"80\" = \"10.213.0.9 . 8080\" }` for a DNAT map. A key may carry a "
                                        + "per-entry timeout and comment as nft writes them (`\"10.1.1.1 timeout 1h "
                                        + "comment \\\"x\\\"\"`). No braces, and commas only inside a comment. Changes "
                                        + "are applied in place. `{}` keeps the map empty; leaving `elements` out "
                                        + "means this resource does not manage the entries (never drift, never "
                                        + "deleted). " + ElementAddresses.DESCRIPTION + " The plan also puts changed "
                                        + "entries through the host's nft (a dry run), so an entry nft refuses fails "
                                        + "the plan on that entry."),
                        Attribute.map("canonical_elements", Type.STRING)
                                .computed()
                                .description("Each entry (by key) as the host's nft listed it right after apply, "
                                        + "`key : value`. Drift detection compares these texts with the live "
                                        + "listing."),
                        Attribute.string("id")
                                .computed()
                                .planModifiers(PlanModifiers.useStateForUnknown())
                                .description("`<host>/<family>/<table>/<map>`; also the import ID."))
                .configValidators(
                        ConfigValidators.exactlyOneOf(Path.root("type"), Path.root("typeof")),
                        ElementAddresses::checkMap)
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
            NftMap map = planned.map(List.copyOf(planned.entries()));
            Optional<LiveTable> existing = liveTable(table, map, resp.diagnostics(), "create");
            if (resp.diagnostics().hasError()) {
                return;
            }
            if (existing.isPresent()
                    && (existing.get().map(map.name()).isPresent()
                            || existing.get().set(map.name()).isPresent())) {
                resp.diagnostics()
                        .addError(
                                "Cannot create " + map.describe() + " on " + table.host(),
                                "A map or set of that name already exists on the host. Import it: `terraform import "
                                        + "<address> " + table + "/" + map.name() + "`.");
                return;
            }
            hosts.agent(table.host())
                    .apply(hosts.owners()
                            .owned(table, Transaction.builder().add(map).build()));
            stateAfterApply(planned, Map.of(), Set.of(), map, resp.diagnostics())
                    .ifPresent(s -> resp.setState(state(s)));
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot create map " + planned.name() + " in " + table, e.getMessage());
        }
    }

    @Override
    public void read(ReadRequest req, ReadResponse resp) {
        State current = Values.toRecord(req.state(), State.class);
        TableId table = current.table();
        try {
            TableListing listing = hosts.agent(table.host())
                    .list(List.of(table.table()))
                    .tables()
                    .get(0);
            Optional<LiveMap> live = listing.exists() ? listing.live().map(current.name()) : Optional.empty();
            if (live.isEmpty()) {
                resp.removeResource();
                return;
            }
            State reconciled = reconcile(current, live.get());
            if (!reconciled.equals(current)) {
                resp.setState(state(reconciled));
            }
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot read map " + current.name() + " in " + table, e.getMessage());
        }
    }

    @Override
    public void update(UpdateRequest req, UpdateResponse resp) {
        State planned = Values.toRecord(req.plan(), State.class);
        State prior = Values.toRecord(req.state(), State.class);
        TableId table = planned.table();
        try {
            NftMap map = planned.map(List.of());
            if (!planned.managesElements()) {
                // no longer managed: the entries stay on the host, whoever wrote them
                resp.setState(state(afterApply(planned, TrackedElements.of(Set.of(), Map.of()))));
                return;
            }
            TrackedElements.Change change = prior.tracked().changeTo(planned.entries());
            Transaction tx = change.transaction(table.table(), planned.name());
            Set<String> foreign = Set.of();
            if (!tx.isEmpty()) {
                if (planned.writtenByDatapath()) {
                    // entries the datapath wrote: a respelled entry must not claim them (others are drift)
                    Optional<LiveMap> before =
                            liveTable(table, map, resp.diagnostics(), "update").flatMap(live -> live.map(map.name()));
                    if (resp.diagnostics().hasError()) {
                        return;
                    }
                    foreign = new LinkedHashSet<>(before.map(LiveMap::elements).orElse(List.of()));
                    foreign.removeAll(prior.tracked().allCanonical());
                }
                hosts.agent(table.host()).apply(hosts.owners().owned(table, tx));
            }
            stateAfterApply(planned, change.keptCanonical(), foreign, map, resp.diagnostics())
                    .ifPresent(s -> resp.setState(state(s)));
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot update map " + planned.name() + " in " + table, e.getMessage());
        }
    }

    @Override
    public void delete(DeleteRequest req, DeleteResponse resp) {
        State current = Values.toRecord(req.state(), State.class);
        TableId table = current.table();
        try {
            NftMap map = current.map(List.of());
            ConcurrentChanges.destroy(hosts, table, map);
        } catch (NftkeeperException e) {
            resp.diagnostics()
                    .addError(
                            "Cannot delete map " + current.name() + " in " + table,
                            e.getMessage()
                                    + (ConcurrentChanges.inUse(e)
                                            ? ConcurrentChanges.hint("`@${nftables_map.<label>.name}`")
                                            : ""));
        }
    }

    @Override
    public void importState(ImportStateRequest req, ImportStateResponse resp) {
        Optional<String> problem = TableObjectId.problem(req.id(), hosts.defaultHost(), "map", "verdicts");
        if (problem.isPresent()) {
            resp.diagnostics().addError("Invalid import ID \"" + req.id() + "\"", problem.get());
            return;
        }
        TableObjectId id = TableObjectId.parse(req.id(), hosts.defaultHost()).orElseThrow();
        TableId table = id.table();
        String what =
                "map " + table.table().family().nftName() + " " + table.table().name() + " " + id.name();
        try {
            Optional<TableListing> listing = ImportSource.listing(
                    hosts, table, "Cannot import " + what + " from " + table.host(), resp.diagnostics());
            if (listing.isEmpty()) {
                return;
            }
            Optional<LiveMap> live = listing.get().live().map(id.name());
            if (live.isEmpty()) {
                resp.diagnostics()
                        .addError(
                                "Cannot import " + what + " from " + table.host(),
                                "The map does not exist in " + table.table().describe() + ".");
                return;
            }
            resp.setState(state(imported(table.toString(), live.get())));
        } catch (NftkeeperException e) {
            resp.diagnostics().addError("Cannot import " + what + " from " + table.host(), e.getMessage());
        }
    }

    /**
     * Completes the plan: {@code id} from table and name; a timeout spelled differently but equally long keeps its
     * prior spelling (no diff), a different duration replaces the map; {@code canonical_elements} stays known for
     * the entries that do not change.
     */
    @Override
    public void modifyPlan(ModifyPlanRequest req, ModifyPlanResponse resp) {
        Value plan = resp.plan();
        Value prior = req.state();
        plan = TableObjectId.withPlannedId(plan);
        if (!prior.isNull() && !plan.isNull()) {
            plan = Durations.planTimeout(plan, prior, resp);
            Value elements = plan.get("elements");
            Value priorElements = prior.get("elements");
            if (elements.equals(priorElements)) {
                plan = plan.with("canonical_elements", prior.get("canonical_elements"));
            } else if (elements.isNull()) {
                plan = plan.with("canonical_elements", Value.map(Type.STRING, Map.of()));
            } else if (elements.isWhollyKnown()) {
                Map<String, Value> kept =
                        priorElements.isWhollyKnown() && !priorElements.isNull() ? priorElements.asMap() : Map.of();
                plan = plan.with(
                        "canonical_elements",
                        CanonicalPlan.of(
                                elements.asMap().keySet(),
                                prior.get("canonical_elements"),
                                key -> elements.asMap().get(key).equals(kept.get(key))));
            }
        }
        resp.setPlan(plan);
        if (hosts != null && !plan.isNull()) {
            checkEntries(plan, prior, resp.diagnostics());
        }
        if (hosts != null) {
            hosts.planned()
                    .remember(
                            plan,
                            State.class,
                            List.of("type", "typeof", "value_type", "flags", "timeout", "size", "policy"),
                            s -> s.map(List.of()));
        }
    }

    /** Changed entries go through the host's nft at plan ({@link PlannedElements#checkMap}), once all is known. */
    private void checkEntries(Value plan, Value prior, Diagnostics diagnostics) {
        Value elements = plan.get("elements");
        boolean declared = Stream.of(
                        "table_id", "name", "type", "typeof", "value_type", "flags", "timeout", "size", "policy")
                .allMatch(attribute -> plan.get(attribute).isWhollyKnown());
        if (!declared
                || !elements.isWhollyKnown()
                || elements.isNull()
                || (!prior.isNull() && elements.equals(prior.get("elements")))) {
            return;
        }
        State state;
        NftMap declaration;
        try {
            state = Values.toRecord(plan, State.class);
            declaration = state.map(List.of());
        } catch (RuntimeException e) {
            return; // invalid properties: their own validators report them
        }
        PlannedElements.checkMap(
                hosts.agent(state.table().host()),
                state.table(),
                declaration,
                state.elements(),
                hosts.owners(),
                diagnostics);
    }

    /**
     * The state as the host has it: {@code current} itself when the live map matches what was stored; otherwise the
     * live properties, and the entries where an entry whose canonical texts are all still listed keeps the user's
     * text and entries added or changed on the host carry the host's text. Entries the datapath wrote into a dynamic
     * or timeout map are not added; unmanaged entries ({@code elements} null) are not read.
     */
    static State reconcile(State current, LiveMap live) {
        State state = sameProperties(current, live) ? current : withLiveProperties(current, live);
        if (!current.managesElements()) {
            return state;
        }
        return current.tracked()
                .reconcile(live.elements(), current.writtenByDatapath())
                .map(state::withEntries)
                .orElse(state);
    }

    private static boolean sameProperties(State current, LiveMap live) {
        return Objects.equals(normalType(current.type()), normalType(live.type()))
                && Objects.equals(normalExpression(current.typeof()), normalExpression(live.typeof()))
                && normalType(current.valueType()).equals(normalType(live.value()))
                && current.flagSet().equals(impliedFlags(current, live))
                && Objects.equals(
                        current.timeout() == null ? null : NftDuration.millis(current.timeout()),
                        live.timeout() == null ? null : NftDuration.millis(live.timeout()))
                && (current.size() == null || current.size().equals(live.size()))
                && Objects.equals(
                        current.policy() == null ? "performance" : current.policy(),
                        live.policy() == null ? "performance" : live.policy());
    }

    /** nft leaves out {@code flags timeout} when the map has a default timeout: the flag is still there. */
    private static Set<String> impliedFlags(State current, LiveMap live) {
        if (live.timeout() == null
                || !current.flagSet().contains("timeout")
                || live.flags().contains("timeout")) {
            return live.flags();
        }
        Set<String> flags = new TreeSet<>(live.flags());
        flags.add("timeout");
        return flags;
    }

    private static State withLiveProperties(State current, LiveMap live) {
        Set<String> flags = impliedFlags(current, live);
        return new State(
                current.id(),
                current.tableId(),
                current.name(),
                live.type(),
                live.typeof(),
                sameValue(current.valueType(), live.value()) ? current.valueType() : live.value(),
                flags.isEmpty() && current.flags() == null ? null : Set.copyOf(flags),
                live.timeout(),
                listedSize(live),
                live.policy(),
                current.elements(),
                current.canonicalElements());
    }

    /** The state of a map imported as listed: the host's text for every entry. */
    static State imported(String tableId, LiveMap live) {
        Map<String, String> entries = new TreeMap<>(live.entries());
        Map<String, String> canonical = new TreeMap<>();
        entries.forEach((key, value) -> canonical.put(key, key + " : " + value));
        return new State(
                tableId + "/" + live.name(),
                tableId,
                live.name(),
                live.type(),
                live.typeof(),
                live.value(),
                live.flags().isEmpty() ? null : Set.copyOf(live.flags()),
                live.timeout(),
                listedSize(live),
                live.policy(),
                entries.isEmpty() ? null : entries,
                canonical);
    }

    private static boolean sameValue(String configured, String listed) {
        return normalType(configured).equals(normalType(listed));
    }

    /** nft lists {@code size 65535} for a dynamic map given no size: that is no size in the configuration. */
    private static Long listedSize(LiveMap live) {
        return live.size() != null
                        && live.size() == DEFAULT_DYNAMIC_SIZE
                        && live.flags().contains("dynamic")
                ? null
                : live.size();
    }

    private static String normalType(String type) {
        return type == null ? "" : type.strip().replaceAll("\\s*\\.\\s*", " . ");
    }

    private static String normalExpression(String expression) {
        return expression == null ? null : expression.strip().replaceAll("\\s+", " ");
    }

    /** An entry as nft writes it: {@code key : value}. */
    static String entry(String key, String value) {
        return key.strip() + " : " + value.strip();
    }

    /** The table as listed; empty with an error when the table is gone. */
    private Optional<LiveTable> liveTable(TableId table, NftMap map, Diagnostics diagnostics, String action) {
        TableListing listing =
                hosts.agent(table.host()).list(List.of(table.table())).tables().get(0);
        if (!listing.exists()) {
            diagnostics.addError(
                    "Cannot " + action + " " + map.describe() + " on " + table.host(),
                    table.table().describe() + " does not exist on the host.");
            return Optional.empty();
        }
        return Optional.of(listing.live());
    }

    /** The planned state with each entry's canonical text as the host lists it now, right after apply. */
    private Optional<State> stateAfterApply(
            State planned, Map<String, String> kept, Set<String> foreign, NftMap map, Diagnostics diagnostics) {
        Optional<LiveMap> listed =
                liveTable(planned.table(), map, diagnostics, "list").flatMap(live -> live.map(map.name()));
        if (diagnostics.hasError()) {
            return Optional.empty();
        }
        if (listed.isEmpty()) {
            diagnostics.addError(
                    "Unexpected listing of " + map.describe() + " after apply",
                    "The apply succeeded, but the host does not list the map (someone removed it at the same "
                            + "time?). Run `terraform apply` again.");
            return Optional.empty();
        }
        return Optional.of(afterApply(
                planned,
                TrackedElements.afterApply(planned.entries(), kept, listed.get().elements(), foreign)));
    }

    private static State afterApply(State planned, TrackedElements tracked) {
        Map<String, String> canonical = new LinkedHashMap<>();
        if (planned.elements() != null) {
            planned.elements()
                    .forEach((key, value) ->
                            canonical.put(key, tracked.canonical().getOrDefault(entry(key, value), "")));
        }
        String id = planned.table() + "/" + planned.name();
        return new State(
                id,
                planned.tableId(),
                planned.name(),
                planned.type(),
                planned.typeof(),
                planned.valueType(),
                planned.flags(),
                planned.timeout(),
                planned.size(),
                planned.policy(),
                planned.elements(),
                new TreeMap<>(canonical));
    }

    private Value state(State state) {
        return Values.fromRecord(schema().objectType(), state);
    }
}
