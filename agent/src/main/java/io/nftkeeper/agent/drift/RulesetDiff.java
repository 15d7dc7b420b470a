package io.nftkeeper.agent.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nftkeeper.agent.nft.CanonicalListing;
import io.nftkeeper.agent.nft.RuleTexts;
import io.nftkeeper.agent.nft.RuleTexts.RuleText;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.drift.ElementDrift;
import io.nftkeeper.protocol.drift.RuleDrift;
import io.nftkeeper.protocol.wire.DriftChange;
import io.nftkeeper.protocol.wire.DriftChange.Change;
import io.nftkeeper.protocol.wire.DriftChange.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares two canonical listings of one table object by object: chains by name, rules aligned within their
 * chain by {@link RuleDrift}, sets and maps by name with their elements by {@link ElementDrift} (protocol's drift
 * engine, which the provider's refresh uses too), other named objects by name.
 */
final class RulesetDiff {

    private final TableRef table;
    private final Map<String, List<RuleText>> baselineRules;
    private final Map<String, List<RuleText>> liveRules;
    private final List<DriftChange> changes = new ArrayList<>();

    private RulesetDiff(
            TableRef table, Map<String, List<RuleText>> baselineRules, Map<String, List<RuleText>> liveRules) {
        this.table = table;
        this.baselineRules = baselineRules;
        this.liveRules = liveRules;
    }

    /** Both arguments are {@link CanonicalListing}s; the result is empty when nothing drifted. */
    static List<DriftChange> between(TableRef table, JsonNode baseline, JsonNode live) {
        return between(table, baseline, Map.of(), live, Map.of());
    }

    /**
     * Like {@link #between(TableRef, JsonNode, JsonNode)}, with each side's rule texts chain by chain in listing
     * order ({@link RuleTexts}): a changed rule is reported with its text and live handle.
     */
    static List<DriftChange> between(
            TableRef table,
            JsonNode baseline,
            Map<String, List<RuleText>> baselineRules,
            JsonNode live,
            Map<String, List<RuleText>> liveRules) {
        RulesetDiff diff = new RulesetDiff(table, baselineRules, liveRules);
        diff.compare(Contents.of(baseline), Contents.of(live));
        return List.copyOf(diff.changes);
    }

    /** A listing sorted by object kind; every map keeps nft's listing order. */
    private record Contents(
            JsonNode table,
            Map<String, JsonNode> chains,
            Map<String, List<JsonNode>> rules,
            Map<String, JsonNode> sets,
            Map<String, JsonNode> objects,
            Set<String> dataPathSets) {

        static Contents of(JsonNode listing) {
            JsonNode table = null;
            Map<String, JsonNode> chains = new LinkedHashMap<>();
            Map<String, List<JsonNode>> rules = new LinkedHashMap<>();
            Map<String, JsonNode> sets = new LinkedHashMap<>();
            Map<String, JsonNode> objects = new LinkedHashMap<>();
            Set<String> dataPathSets = new HashSet<>();
            for (JsonNode item : listing.path("nftables")) {
                String type = item.fieldNames().next();
                JsonNode object = item.get(type);
                String name = object.path("name").asText();
                switch (type) {
                    case "table" -> table = object;
                    case "chain" -> chains.put(name, object);
                    case "rule" -> {
                        rules.computeIfAbsent(object.path("chain").asText(), c -> new ArrayList<>())
                                .add(object);
                        collectDataPathSets(object.path("expr"), dataPathSets);
                    }
                    case "set", "map" -> sets.put(type + " " + name, object);
                    default -> objects.put(type + " " + name, object);
                }
            }
            return new Contents(table, chains, rules, sets, objects, dataPathSets);
        }
    }

    private void compare(Contents baseline, Contents live) {
        if (!java.util.Objects.equals(baseline.table(), live.table())) {
            changed(Kind.TABLE, table.describe(), live.table(), baseline.table());
        }
        compareByName(Kind.CHAIN, prefixed("chain"), baseline.chains(), live.chains());
        for (String chain : union(baseline.rules().keySet(), live.rules().keySet())) {
            compareRules(
                    chain,
                    baseline.rules().getOrDefault(chain, List.of()),
                    live.rules().getOrDefault(chain, List.of()));
        }
        for (String set : union(baseline.sets().keySet(), live.sets().keySet())) {
            compareSet(set, baseline.sets().get(set), live.sets().get(set), live.dataPathSets());
        }
        compareByName(
                Kind.OBJECT,
                key -> key.replaceFirst(" ", " " + familyAndTable() + " "),
                baseline.objects(),
                live.objects());
    }

    private void compareByName(
            Kind kind,
            java.util.function.UnaryOperator<String> describe,
            Map<String, JsonNode> baseline,
            Map<String, JsonNode> live) {
        for (String name : union(baseline.keySet(), live.keySet())) {
            JsonNode before = baseline.get(name);
            JsonNode now = live.get(name);
            if (before == null || now == null || !before.equals(now)) {
                changed(kind, describe.apply(name), now, before);
            }
        }
    }

    /** The rules of one chain, by {@link RuleDrift}; positions count from 1 in the report. */
    private void compareRules(String chain, List<JsonNode> baseline, List<JsonNode> live) {
        for (RuleDrift.Change rule :
                RuleDrift.between(baseline, live, JsonNode::equals).changes()) {
            int l = rule.live();
            int b = rule.recorded();
            RuleText liveText = l < 0 ? null : text(liveRules, chain, l);
            RuleText baselineText = b < 0 ? null : text(baselineRules, chain, b);
            changes.add(new DriftChange(
                    Kind.RULE,
                    rule.change(),
                    ruleName(chain, rule.position()),
                    l < 0
                            ? null
                            : liveText != null ? liveText.text() : live.get(l).toString(),
                    b < 0
                            ? null
                            : baselineText != null
                                    ? baselineText.text()
                                    : baseline.get(b).toString(),
                    liveText == null ? null : liveText.handle()));
        }
    }

    /** The rule's text, or null when none was listed (a baseline from before rule texts were kept). */
    private static RuleText text(Map<String, List<RuleText>> rules, String chain, int index) {
        List<RuleText> list = rules.getOrDefault(chain, List.of());
        return index < list.size() && list.get(index).text() != null ? list.get(index) : null;
    }

    private String ruleName(String chain, int index) {
        return "rule " + familyAndTable() + " " + chain + " #" + (index + 1);
    }

    private void compareSet(String key, JsonNode baseline, JsonNode live, Set<String> dataPathSets) {
        String described = key.replaceFirst(" ", " " + familyAndTable() + " ");
        if (baseline == null || live == null) {
            changed(Kind.SET, described, live, baseline);
            return;
        }
        JsonNode baselineProperties = withoutElements(baseline);
        JsonNode liveProperties = withoutElements(live);
        if (!baselineProperties.equals(liveProperties)) {
            changed(Kind.SET, described, liveProperties, baselineProperties);
        }
        String name = live.path("name").asText();
        if (dataPathSets.contains(name) || hasFlag(live, "dynamic")) {
            return; // the datapath adds and expires these elements: never drift
        }
        ElementDrift<JsonNode> elements = ElementDrift.between(elements(baseline), elements(live));
        for (JsonNode element : elements.added()) {
            changed(Kind.ELEMENT, "element " + familyAndTable() + " " + name + " " + element, element, null);
        }
        for (JsonNode element : elements.removed()) {
            changed(Kind.ELEMENT, "element " + familyAndTable() + " " + name + " " + element, null, element);
        }
    }

    private void changed(Kind kind, String object, JsonNode live, JsonNode baseline) {
        Change change = baseline == null ? Change.ADDED : live == null ? Change.REMOVED : Change.CHANGED;
        changes.add(new DriftChange(
                kind,
                change,
                object,
                live == null ? null : live.toString(),
                baseline == null ? null : baseline.toString()));
    }

    private String familyAndTable() {
        return table.family().nftName() + " " + table.name();
    }

    private java.util.function.UnaryOperator<String> prefixed(String kind) {
        return name -> kind + " " + familyAndTable() + " " + name;
    }

    private static JsonNode withoutElements(JsonNode set) {
        ObjectNode copy = ((ObjectNode) set).deepCopy();
        copy.remove("elem");
        return copy;
    }

    private static List<JsonNode> elements(JsonNode set) {
        List<JsonNode> elements = new ArrayList<>();
        set.path("elem").forEach(elements::add);
        return elements;
    }

    private static boolean hasFlag(JsonNode set, String flag) {
        for (JsonNode each : set.path("flags")) {
            if (each.asText().equals(flag)) {
                return true;
            }
        }
        return set.path("flags").asText().equals(flag);
    }

    /** Sets a rule fills from the datapath: {@code {"set": {"op": "add", "set": "@seen", ...}}} (or map/update). */
    private static void collectDataPathSets(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            for (String statement : List.of("set", "map")) {
                JsonNode target = node.path(statement);
                if (target.has("op") && target.path(statement).asText().startsWith("@")) {
                    names.add(target.path(statement).asText().substring(1));
                }
            }
        }
        node.forEach(child -> collectDataPathSets(child, names));
    }

    private static <T> Set<T> union(Set<T> first, Set<T> second) {
        Set<T> union = new LinkedHashSet<>(first);
        union.addAll(second);
        return union;
    }
}
