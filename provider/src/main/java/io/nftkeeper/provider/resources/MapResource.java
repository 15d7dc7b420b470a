package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.ConfigValidators;
import io.nftkeeper.framework.schema.PlanModifiers;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.NftDuration;
import io.nftkeeper.protocol.NftMap;
import io.nftkeeper.protocol.NftObject;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.SetFlag;
import io.nftkeeper.protocol.SetPolicy;
import io.nftkeeper.protocol.live.LiveMap;
import io.nftkeeper.protocol.live.LiveTable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code nftables_map}: a named map of a managed table and its entries, for verdict maps ({@code vmap @m}), DNAT
 * maps ({@code dnat ip to tcp dport map @m}) and friends. It behaves like {@code nftables_set}: creating it is one
 * apply; an entry change is one apply that deletes and adds exactly the changed entries (a changed value of a kept
 * key is a delete and an add of that entry in the same batch); state keeps each entry's canonical text as the host
 * listed it right after apply, so the host's spelling is not drift. Entries are elements {@code key : value}.
 */
public final class MapResource extends SetLikeResource<MapResource.State, NftMap, LiveMap> {

    static final String KIND = "map";

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
            Map<String, String> canonicalElements)
            implements SetLikeState {

        Set<String> flagSet() {
            return flags == null ? Set.of() : flags;
        }

        /** Entries the datapath writes ({@code update @m}) and expiring ones are not drift. */
        @Override
        public boolean writtenByDatapath() {
            return flagSet().contains("dynamic") || flagSet().contains("timeout") || timeout != null;
        }

        /** With {@code elements} null the resource does not manage the entries (as nftables_set). */
        @Override
        public boolean managesElements() {
            return elements != null;
        }

        /** The entries as elements {@code key : value}. */
        @Override
        public Set<String> configuredElements() {
            Set<String> entries = new TreeSet<>();
            if (elements != null) {
                elements.forEach((key, value) -> entries.add(entry(key, value)));
            }
            return entries;
        }

        @Override
        public TrackedElements tracked() {
            Map<String, String> canonical = new TreeMap<>();
            if (elements != null && canonicalElements != null) {
                elements.forEach((key, value) -> {
                    String text = canonicalElements.get(key);
                    if (text != null) {
                        canonical.put(entry(key, value), text);
                    }
                });
            }
            return TrackedElements.of(configuredElements(), canonical);
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

    /** The attributes a chain's dry run needs to declare this map (without its entries). */
    private static final List<String> DECLARED_BY =
            List.of("type", "typeof", "value_type", "flags", "timeout", "size", "policy");

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*( ?\\. ?[a-z][a-z0-9_]*)*");

    public MapResource() {
        super(new TableObjectKind<>(KIND, "nftables_map", MapResource::schemaV0, State.class, "verdicts", DECLARED_BY));
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
                        TableObjectAttributes.tableId(KIND, "nat"),
                        TableObjectAttributes.name(
                                KIND,
                                "Map name, unique among the sets and maps of its table (nft keywords such as `dnat` or "
                                        + "`fwd` cannot be names). Changing it replaces the map."),
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
                        size(KIND, "entries"),
                        policy(KIND),
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
                        TableObjectAttributes.id(KIND))
                .configValidators(
                        ConfigValidators.exactlyOneOf(Path.root("type"), Path.root("typeof")),
                        ElementAddresses::checkMap)
                .build();
    }

    @Override
    Value plannedCanonical(Value changed, Value before, Value canonical) {
        Map<String, Value> kept = before.isWhollyKnown() && !before.isNull() ? before.asMap() : Map.of();
        return CanonicalPlan.of(
                changed.asMap().keySet(),
                canonical,
                key -> changed.asMap().get(key).equals(kept.get(key)));
    }

    @Override
    NftObject scratch(State state) {
        return PlannedElements.scratch(state.map(List.of()));
    }

    @Override
    boolean keyExpression(Value plan) {
        return !plan.get("typeof").isNull();
    }

    /** Changed entries go through the host's nft at plan ({@link PlannedElements#checkMap}), once all is known. */
    @Override
    Optional<Value> checked(Value plan, Value prior, Diagnostics diagnostics) {
        Value elements = plan.get("elements");
        if (hosts() == null
                || !elements.isWhollyKnown()
                || elements.isNull()
                || (!prior.isNull() && elements.equals(prior.get("elements")))) {
            return Optional.of(plan);
        }
        declared(plan)
                .ifPresent(state -> PlannedElements.checkMap(
                        hosts().agent(state.table().host()),
                        state.table(),
                        state.map(List.of()),
                        state.elements(),
                        hosts().owners(),
                        diagnostics));
        return Optional.of(plan);
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
                && sameCommonProperties(current.flagSet(), current.timeout(), current.size(), current.policy(), live);
    }

    private static State withLiveProperties(State current, LiveMap live) {
        Set<String> flags = impliedFlags(current.flagSet(), live);
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

    private static String normalExpression(String expression) {
        return expression == null ? null : expression.strip().replaceAll("\\s+", " ");
    }

    /** An entry as nft writes it: {@code key : value}. */
    static String entry(String key, String value) {
        return key.strip() + " : " + value.strip();
    }

    @Override
    NftMap object(State state, List<String> entries) {
        return state.map(entries);
    }

    @Override
    Optional<LiveMap> live(LiveTable table, String name) {
        return table.map(name);
    }

    @Override
    Optional<String> nameTaken(LiveTable table, String name) {
        return table.map(name).isPresent() || table.set(name).isPresent()
                ? Optional.of("A map or set of that name already exists on the host.")
                : Optional.empty();
    }

    @Override
    State reconciled(State current, LiveMap live) {
        return reconcile(current, live);
    }

    @Override
    State importedState(String tableId, LiveMap live) {
        return imported(tableId, live);
    }

    @Override
    State afterApply(State planned, TrackedElements tracked) {
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
}
