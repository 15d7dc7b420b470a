package io.nftkeeper.protocol.fake;

import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.ChainPolicy;
import io.nftkeeper.protocol.Command;
import io.nftkeeper.protocol.Counter;
import io.nftkeeper.protocol.Element;
import io.nftkeeper.protocol.Limit;
import io.nftkeeper.protocol.NamedObject;
import io.nftkeeper.protocol.NftDuration;
import io.nftkeeper.protocol.NftMap;
import io.nftkeeper.protocol.NftObject;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.Quota;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.SetFlag;
import io.nftkeeper.protocol.SetPolicy;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableFlag;
import io.nftkeeper.protocol.Verb;
import io.nftkeeper.protocol.live.LiveBaseChain;
import io.nftkeeper.protocol.live.LiveChain;
import io.nftkeeper.protocol.live.LiveCounter;
import io.nftkeeper.protocol.live.LiveMap;
import io.nftkeeper.protocol.live.LiveQuota;
import io.nftkeeper.protocol.live.LiveRule;
import io.nftkeeper.protocol.live.LiveSet;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.live.ObjectReference;
import io.nftkeeper.protocol.wire.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One table of the {@link FakeAgent}, listed as the agent's typed listing would list it. Documented differences
 * from the kernel, which {@code FakeAgentIT} leaves out of its comparison:
 * <ul>
 * <li>handles: one counter per table for chains, rules, sets and objects as the kernel's, but the kernel's also
 *     counts anonymous sets and objects deleted since, so only their order is alike;</li>
 * <li>counter packets and bytes and quota usage stay 0 (no traffic);</li>
 * <li>rules are listed as written: nft rewrites some expressions (e.g. {@code ip protocol tcp tcp dport 22} to
 *     {@code tcp dport 22}), the fake does not, so tests write rules as nft prints them;</li>
 * <li>elements are listed in the order added: nft lists hash sets in hash order and merges intervals;</li>
 * <li>the text listing is null (nothing on the provider's resource paths reads it);</li>
 * <li>rules are checked only for the chains, sets and named objects they name; nft's grammar and the kernel's
 *     commit-time checks are not modelled, nor the host's SELinux policy that secmark contexts must name.</li>
 * </ul>
 * Refuses what the kernel refuses while building a batch: missing tables, chains, sets, rules (by handle),
 * elements and objects; deleting a chain, set or object still in use; rules that jump to missing chains or use
 * missing sets or named objects; an existing set or map declared again differently.
 */
final class FakeTable {

    /** What nft says when the kernel refuses a command, classified as the agent classifies nft's errors. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final ErrorCode code;

        Refused(ErrorCode code, String message) {
            super(message);
            this.code = code;
        }

        ErrorCode code() {
            return code;
        }
    }

    private static final Pattern JUMP = Pattern.compile("\\b(?:jump|goto) \"?([A-Za-z0-9_.\\-]+)\"?");
    private static final Pattern SET_USE = Pattern.compile("@([A-Za-z0-9_.\\-]+)");
    private static final Pattern OBJECT_USE = Pattern.compile("\\b(counter|quota|limit|ct helper|ct timeout"
            + "|ct expectation|synproxy|secmark) name \"?([A-Za-z0-9_.\\-]+)\"?");
    private static final Pattern OBJECT_SET =
            Pattern.compile("\\b(ct helper|ct timeout|ct expectation|secmark) set \"?([A-Za-z0-9_.\\-]+)\"?");

    private final Table declaration;
    private final long handle;
    private List<TableFlag> flags;
    private long lastHandle;
    private final Map<String, FakeChain> chains = new LinkedHashMap<>();
    private final Map<String, NftSet> sets = new LinkedHashMap<>();
    private final Map<String, NftMap> maps = new LinkedHashMap<>();
    private final Map<String, LinkedHashSet<String>> elements = new LinkedHashMap<>();
    private final Map<String, Counter> counters = new LinkedHashMap<>();
    private final Map<String, Quota> quotas = new LinkedHashMap<>();
    private final Map<String, Limit> limits = new LinkedHashMap<>();
    private final Map<String, NamedObject> objects = new LinkedHashMap<>();

    private record FakeChain(Chain chain, List<Rule> rules) {
        FakeChain copy() {
            return new FakeChain(chain, new ArrayList<>(rules));
        }
    }

    FakeTable(Table declaration, long handle) {
        this.declaration = declaration;
        this.handle = handle;
        this.flags = declaration.flags();
    }

    FakeTable copy() {
        FakeTable copy = new FakeTable(declaration, handle);
        copy.flags = flags;
        copy.lastHandle = lastHandle;
        chains.forEach((name, chain) -> copy.chains.put(name, chain.copy()));
        copy.sets.putAll(sets);
        copy.maps.putAll(maps);
        elements.forEach((name, values) -> copy.elements.put(name, new LinkedHashSet<>(values)));
        copy.counters.putAll(counters);
        copy.quotas.putAll(quotas);
        copy.limits.putAll(limits);
        copy.objects.putAll(objects);
        return copy;
    }

    long handle() {
        return handle;
    }

    /** {@code add table} of an existing table sets its flags (none wakes a dormant table). */
    void flags(Table table) {
        flags = table.flags();
    }

    /** {@code flush table}: every chain's rules go, the chains stay. */
    void flush() {
        chains.values().forEach(chain -> chain.rules().clear());
    }

    static Refused notFound(String what) {
        return new Refused(
                ErrorCode.NOT_FOUND, "Error: Could not process rule: No such file or directory (" + what + ")");
    }

    private static Refused busy(String what) {
        return new Refused(ErrorCode.INVALID, "Error: Could not process rule: Device or resource busy (" + what + ")");
    }

    private static Refused exists(String what) {
        return new Refused(ErrorCode.ALREADY_EXISTS, "Error: Could not process rule: File exists (" + what + ")");
    }

    void run(Command command) {
        NftObject object = command.object();
        Verb verb = command.verb();
        if (object instanceof Chain chain) {
            chain(verb, chain);
        } else if (object instanceof Rule rule) {
            rule(verb, rule);
        } else if (object instanceof NftSet set) {
            container(verb, set.name(), set.describe(), set.withoutElements(), set.elements(), sets);
        } else if (object instanceof NftMap map) {
            container(verb, map.name(), map.describe(), map.withoutElements(), map.elements(), maps);
        } else if (object instanceof Element element) {
            element(verb, element);
        } else if (object instanceof Counter counter) {
            object(verb, "counter", counter.name(), counter, counters);
        } else if (object instanceof Quota quota) {
            object(verb, "quota", quota.name(), quota, quotas);
        } else if (object instanceof Limit limit) {
            object(verb, "limit", limit.name(), limit, limits);
        } else if (object instanceof NamedObject named) {
            object(verb, named.kind(), named.kind() + " " + named.name(), named, objects);
        } else {
            throw new IllegalStateException("tables are run by FakeAgent: " + object.describe());
        }
    }

    private void chain(Verb verb, Chain chain) {
        FakeChain existing = chains.get(chain.name());
        switch (verb) {
            case ADD -> {
                if (existing == null) {
                    lastHandle++;
                    chains.put(chain.name(), new FakeChain(chain, new ArrayList<>()));
                } else if (!Objects.equals(hookOf(existing.chain()), hookOf(chain))) {
                    throw exists(chain.describe() + " with another type, hook or priority");
                } else if (chain.base() != null) {
                    chains.put(chain.name(), new FakeChain(chain, existing.rules()));
                }
            }
            case DELETE, DESTROY -> {
                if (existing == null) {
                    if (verb == Verb.DELETE) {
                        throw notFound(chain.describe());
                    }
                    return;
                }
                // its own rules go with it; rules of other chains that jump to it keep it
                if (jumpedTo(chain.name())) {
                    throw busy(chain.describe());
                }
                chains.remove(chain.name());
            }
            case FLUSH -> {
                if (existing == null) {
                    throw notFound(chain.describe());
                }
                existing.rules().clear();
            }
            default -> throw new IllegalStateException(verb + " " + chain.describe());
        }
    }

    /** A base chain's type, hook and priority, which an existing chain cannot change (its policy it can). */
    private static List<Object> hookOf(Chain chain) {
        return chain.base() == null
                ? null
                : List.of(
                        chain.base().type(),
                        chain.base().hook(),
                        chain.base().priority(),
                        chain.base().devices());
    }

    private boolean jumpedTo(String chain) {
        return rules().anyMatch(rule -> matches(JUMP, rule.expr()).contains(chain));
    }

    private java.util.stream.Stream<Rule> rules() {
        return chains.values().stream().flatMap(chain -> chain.rules().stream());
    }

    private void rule(Verb verb, Rule rule) {
        FakeChain chain = chains.get(rule.chain());
        if (chain == null) {
            throw notFound("chain " + rule.table().family().nftName() + " "
                    + rule.table().name() + " " + rule.chain());
        }
        List<Rule> rules = chain.rules();
        int at = rule.handle() == null ? -1 : indexOf(rules, rule.handle());
        if (rule.handle() != null && at < 0 && verb != Verb.DESTROY) {
            throw notFound(
                    "rule handle " + rule.handle() + " in " + chain.chain().describe());
        }
        switch (verb) {
            case ADD, INSERT -> {
                requireUses(rule);
                Rule added = new Rule(rule.table(), rule.chain(), rule.expr(), rule.comment(), ++lastHandle);
                if (verb == Verb.ADD) {
                    rules.add(at < 0 ? rules.size() : at + 1, added);
                } else {
                    rules.add(Math.max(at, 0), added);
                }
            }
            case DELETE, DESTROY -> {
                if (at >= 0) {
                    rules.remove(at);
                }
            }
            default -> throw new IllegalStateException(verb + " " + rule.describe());
        }
    }

    private static int indexOf(List<Rule> rules, long handle) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).handle() == handle) {
                return i;
            }
        }
        return -1;
    }

    /** The kernel resolves a rule's jumps, sets and named objects when the rule is added. */
    private void requireUses(Rule rule) {
        String where = " (used by a rule of chain " + rule.chain() + ")";
        for (String target : matches(JUMP, rule.expr())) {
            if (!chains.containsKey(target)) {
                throw notFound("chain " + target + where);
            }
        }
        for (String set : matches(SET_USE, rule.expr())) {
            if (!sets.containsKey(set) && !maps.containsKey(set)) {
                // nft's own evaluation finds this, before the kernel: an invalid rule, not a missing object
                throw new Refused(ErrorCode.INVALID, "Error: Set '" + set + "' does not exist" + where);
            }
        }
        for (ObjectReference use : uses(rule.expr(), rule.chain(), 0)) {
            if (!use.kind().equals("set") && !contains(use.kind(), use.name())) {
                throw notFound(use.kind() + " " + use.name() + where);
            }
        }
    }

    private boolean contains(String kind, String name) {
        return switch (kind) {
            case "counter" -> counters.containsKey(name);
            case "quota" -> quotas.containsKey(name);
            case "limit" -> limits.containsKey(name);
            default -> objects.containsKey(kind + " " + name);
        };
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** The named objects and sets a rule uses, in the order its statements name them, as the agent lists them. */
    private static List<ObjectReference> uses(String expr, String chain, long handle) {
        java.util.TreeMap<Integer, ObjectReference> found = new java.util.TreeMap<>();
        for (Pattern pattern : List.of(OBJECT_USE, OBJECT_SET)) {
            Matcher m = pattern.matcher(expr);
            while (m.find()) {
                found.put(m.start(), new ObjectReference(m.group(1), m.group(2), chain, handle));
            }
        }
        Matcher sets = SET_USE.matcher(expr);
        while (sets.find()) {
            found.put(sets.start(), new ObjectReference("set", sets.group(1), chain, handle));
        }
        return List.copyOf(found.values());
    }

    private <T> void container(
            Verb verb, String name, String describe, T declaration, List<String> values, Map<String, T> declared) {
        T existing = declared.get(name);
        switch (verb) {
            case ADD -> {
                if (existing == null) {
                    lastHandle++;
                    declared.put(name, declaration);
                    elements.put(name, new LinkedHashSet<>());
                } else if (!existing.equals(declaration)) {
                    throw exists(describe + " with another declaration");
                }
                elements.get(name).addAll(values);
            }
            case DELETE, DESTROY -> {
                if (existing == null) {
                    if (verb == Verb.DELETE) {
                        throw notFound(describe);
                    }
                    return;
                }
                if (rules().anyMatch(rule -> matches(SET_USE, rule.expr()).contains(name))) {
                    throw busy(describe);
                }
                declared.remove(name);
                elements.remove(name);
            }
            case FLUSH -> {
                if (existing == null) {
                    throw notFound(describe);
                }
                elements.get(name).clear();
            }
            default -> throw new IllegalStateException(verb + " " + describe);
        }
    }

    private void element(Verb verb, Element element) {
        Set<String> values = elements.get(element.set());
        if (values == null) {
            throw notFound("set " + element.set());
        }
        switch (verb) {
            case ADD -> values.addAll(element.values());
            case DELETE -> {
                for (String value : element.values()) {
                    if (!values.contains(value)) {
                        throw notFound("element " + value + " of set " + element.set());
                    }
                }
                element.values().forEach(values::remove);
            }
            case DESTROY -> element.values().forEach(values::remove);
            default -> throw new IllegalStateException(verb + " " + element.describe());
        }
    }

    private <T> void object(Verb verb, String kind, String key, T object, Map<String, T> declared) {
        String name = key.substring(key.lastIndexOf(' ') + 1);
        T existing = declared.get(key);
        switch (verb) {
            case ADD -> {
                if (existing == null) {
                    lastHandle++;
                }
                // the kernel updates an existing object in place (counter, quota, limit, ct timeout, ...)
                declared.put(key, object);
            }
            case DELETE, DESTROY -> {
                if (existing == null) {
                    if (verb == Verb.DELETE) {
                        throw notFound(kind + " " + name);
                    }
                    return;
                }
                boolean used = rules().anyMatch(rule -> uses(rule.expr(), rule.chain(), 0).stream()
                        .anyMatch(use -> use.kind().equals(kind) && use.name().equals(name)));
                if (used) {
                    throw busy(kind + " " + name);
                }
                declared.remove(key);
            }
            default -> throw new IllegalStateException(verb + " " + kind + " " + name);
        }
    }

    /** The table as the agent lists it. */
    LiveTable live() {
        List<LiveChain> liveChains = new ArrayList<>();
        List<ObjectReference> references = new ArrayList<>();
        for (FakeChain chain : chains.values()) {
            List<LiveRule> rules = new ArrayList<>();
            for (Rule rule : chain.rules()) {
                String canonical =
                        rule.comment() == null ? rule.expr() : rule.expr() + " comment \"" + rule.comment() + "\"";
                rules.add(new LiveRule(canonical, rule.expr(), rule.comment(), rule.handle(), null, null));
                references.addAll(uses(rule.expr(), chain.chain().name(), rule.handle()));
            }
            liveChains.add(new LiveChain(chain.chain().name(), base(chain.chain()), rules));
        }
        List<LiveSet> liveSets = sets.values().stream()
                .map(set -> new LiveSet(
                        set.name(),
                        type(set.type()),
                        set.typeof(),
                        flagNames(set.flags(), set.timeoutMs()),
                        timeout(set.timeoutMs()),
                        set.size(),
                        policy(set.policy()),
                        set.autoMerge(),
                        List.copyOf(elements.get(set.name()))))
                .toList();
        List<LiveMap> liveMaps = maps.values().stream().map(this::liveMap).toList();
        return new LiveTable(
                declaration.family(),
                declaration.name(),
                flags.stream().map(TableFlag::nftName).toList(),
                declaration.comment(),
                liveChains,
                liveSets,
                liveMaps,
                counters.values().stream()
                        .map(c -> new LiveCounter(c.name(), 0, 0))
                        .toList(),
                quotas.values().stream().map(q -> new LiveQuota(q, 0)).toList(),
                List.copyOf(limits.values()),
                List.copyOf(objects.values()),
                references);
    }

    private LiveMap liveMap(NftMap map) {
        List<String> entries = List.copyOf(elements.get(map.name()));
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String entry : entries) {
            int separator = NftMap.keyValueSeparator(entry);
            if (separator > 0) {
                byKey.put(entry.substring(0, separator), entry.substring(separator + 3));
            }
        }
        return new LiveMap(
                map.name(),
                type(map.type()),
                map.typeof(),
                map.value(),
                flagNames(map.flags(), map.timeoutMs()),
                timeout(map.timeoutMs()),
                map.size(),
                policy(map.policy()),
                entries,
                byKey);
    }

    private static LiveBaseChain base(Chain chain) {
        if (chain.base() == null) {
            return null;
        }
        ChainPolicy policy = chain.base().policy() == null
                ? ChainPolicy.ACCEPT
                : chain.base().policy();
        return new LiveBaseChain(
                chain.base().type().nftName(),
                chain.base().hook().nftName(),
                chain.base().priority().render(),
                policy.nftName(),
                chain.base().devices());
    }

    private static String type(List<String> type) {
        return type.isEmpty() ? null : String.join(" . ", type);
    }

    /** nft leaves the {@code timeout} flag out of the listing of a set that has a default timeout. */
    private static Set<String> flagNames(List<SetFlag> flags, Long timeoutMs) {
        Set<String> names = new LinkedHashSet<>();
        flags.stream()
                .filter(flag -> flag != SetFlag.TIMEOUT || timeoutMs == null)
                .forEach(flag -> names.add(flag.nftName()));
        return names;
    }

    private static String timeout(Long ms) {
        return ms == null ? null : NftDuration.text(ms);
    }

    private static String policy(SetPolicy policy) {
        return policy == null ? null : policy.nftName();
    }
}
