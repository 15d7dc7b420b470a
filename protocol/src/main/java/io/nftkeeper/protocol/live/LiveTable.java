package io.nftkeeper.protocol.live;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Limit;
import io.nftkeeper.protocol.NamedObject;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.TableContents;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One table as the host has it now, typed: parsed on the host by the agent, next to the library whose output it is,
 * so nothing else reads nft's text or JSON. Objects in listing order. {@code flags} as nft prints them
 * ({@code dormant}); {@code comment} null without one. {@code objects} holds the flowtables, ct helpers, ct timeouts,
 * ct expectations, synproxies and secmarks; {@code references} every rule statement that uses a named object.
 */
public record LiveTable(
        Family family,
        String name,
        List<String> flags,
        String comment,
        List<LiveChain> chains,
        List<LiveSet> sets,
        List<LiveMap> maps,
        List<LiveCounter> counters,
        List<LiveQuota> quotas,
        List<Limit> limits,
        List<NamedObject> objects,
        List<ObjectReference> references) {

    /** The kinds of {@link NamedObject}, by nft's keyword. */
    public static final List<String> NAMED_KINDS =
            List.of("flowtable", "ct helper", "ct timeout", "ct expectation", "synproxy", "secmark");

    public LiveTable {
        flags = copy(flags);
        chains = copy(chains);
        sets = copy(sets);
        maps = copy(maps);
        counters = copy(counters);
        quotas = copy(quotas);
        limits = copy(limits);
        objects = copy(objects);
        references = copy(references);
    }

    /** A table with nothing in it. */
    public static LiveTable empty(TableRef table) {
        return new LiveTable(
                table.family(),
                table.name(),
                List.of(),
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    /** This table with {@code chains} instead of its own. */
    public LiveTable withChains(List<LiveChain> chains) {
        return new LiveTable(
                family, name, flags, comment, chains, sets, maps, counters, quotas, limits, objects, references);
    }

    public TableRef table() {
        return new TableRef(family, name);
    }

    public Optional<LiveChain> chain(String chain) {
        return find(chains, LiveChain::name, chain);
    }

    public Optional<LiveSet> set(String set) {
        return find(sets, LiveSet::name, set);
    }

    public Optional<LiveMap> map(String map) {
        return find(maps, LiveMap::name, map);
    }

    public Optional<LiveCounter> counter(String counter) {
        return find(counters, LiveCounter::name, counter);
    }

    public Optional<LiveQuota> quota(String quota) {
        return find(quotas, q -> q.quota().name(), quota);
    }

    public Optional<Limit> limit(String limit) {
        return find(limits, Limit::name, limit);
    }

    /** The {@code kind} (one of {@link #NAMED_KINDS}) named {@code object}. */
    public Optional<NamedObject> named(String kind, String object) {
        return objects.stream()
                .filter(o -> o.kind().equals(kind) && o.name().equals(object))
                .findFirst();
    }

    /** Whether the table has a {@code kind} ("counter", "quota", "limit", "ct helper", ...) named {@code object}. */
    public boolean contains(String kind, String object) {
        return switch (kind) {
            case "counter" -> counter(object).isPresent();
            case "quota" -> quota(object).isPresent();
            case "limit" -> limit(object).isPresent();
            default -> {
                if (!NAMED_KINDS.contains(kind)) {
                    throw new IllegalArgumentException("not a named object kind: " + kind);
                }
                yield named(kind, object).isPresent();
            }
        };
    }

    /** The rules of this table that use the {@code kind} ("counter", "ct helper", ...) named {@code object}. */
    public List<ObjectReference> referencesTo(String kind, String object) {
        return references.stream()
                .filter(r -> r.kind().equals(kind) && r.name().equals(object))
                .toList();
    }

    /** The names of the table's objects, by kind. */
    public TableContents contents() {
        return new TableContents(
                names(chains, LiveChain::name),
                names(sets, LiveSet::name),
                names(maps, LiveMap::name),
                names(counters, LiveCounter::name),
                names(quotas, q -> q.quota().name()),
                names(limits, Limit::name),
                namesOf("flowtable"),
                namesOf("ct helper"),
                namesOf("ct timeout"),
                namesOf("ct expectation"),
                namesOf("synproxy"),
                namesOf("secmark"));
    }

    private List<String> namesOf(String kind) {
        return objects.stream()
                .filter(o -> o.kind().equals(kind))
                .map(NamedObject::name)
                .toList();
    }

    private static <T> List<String> names(List<T> items, Function<T, String> name) {
        return items.stream().map(name).toList();
    }

    private static <T> Optional<T> find(List<T> items, Function<T, String> name, String wanted) {
        return items.stream().filter(item -> name.apply(item).equals(wanted)).findFirst();
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
