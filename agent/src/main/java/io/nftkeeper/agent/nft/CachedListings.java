package io.nftkeeper.agent.nft;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.protocol.TableRef;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listings answered again, without asking libnftables, while the kernel's {@link RulesetGeneration} stands: in nft
 * 1.0.6 every listing first reads every element of every set in the table (a 20k-element table costs 45 ms per
 * listing, a million-element interval set minutes), and a no-op plan, a drift check or an apply's read-back often
 * lists what nothing changed since. A listing is kept only if the generation was the same before and after it (no
 * commit in between), and served only while it still is; the first commit of anyone empties the cache. Listings a
 * packet can change without a commit are never kept: counter values ({@link #listTableWithCounters}), and any
 * listing that shows a dynamic or timed set, a meter, a named counter's values, a quota's use or a {@code last}
 * statement (a word test, erring towards not keeping). Everything else goes to the wrapped library unchanged.
 */
public final class CachedListings implements Nftables {

    private static final Logger LOG = LoggerFactory.getLogger(CachedListings.class);

    /**
     * What a packet or the clock changes in a stateless listing: elements, expiry, a named counter's values (nft 1.0.6
     * prints them also without state), quota use, last use.
     */
    private static final Pattern VOLATILE_TEXT =
            Pattern.compile("\\b(dynamic|timeout|expires|meter|packets|used|last)\\b|\\b(add|update) @");

    private static final Pattern VOLATILE_JSON =
            Pattern.compile("\"(dynamic|timeout|expires|meter|packets|used|last)\"|\"op\":\"(add|update)\"");

    private final Nftables nftables;
    private final Supplier<OptionalLong> generation;
    /**
     * What a listing is of: {@code kind} says which call made it and whether it shows set elements ({@link
     * Kind#elements}); {@code table} and {@code set} are null where the call has none.
     */
    private record Key(Kind kind, TableRef table, String set) {}

    private enum Kind {
        TABLES(false),
        HANDLE(false),
        JSON(true),
        JSON_TERSE(false),
        TEXT(true),
        TEXT_TERSE(false),
        BOTH(true),
        RULES(false),
        SET(true);

        final boolean elements;

        Kind(boolean elements) {
            this.elements = elements;
        }
    }

    private final Map<Key, Object> cached = new HashMap<>();
    private long cachedGeneration = -1;

    public CachedListings(Nftables nftables, Supplier<OptionalLong> generation) {
        this.nftables = nftables;
        this.generation = generation;
    }

    @Override
    public String version() {
        return nftables.version();
    }

    @Override
    public Set<TableRef> tables() {
        return kept(new Key(Kind.TABLES, null, null), nftables::tables, tables -> true);
    }

    @Override
    public OptionalLong tableHandle(TableRef table) {
        return kept(new Key(Kind.HANDLE, table, null), () -> nftables.tableHandle(table), handle -> true);
    }

    @Override
    public Optional<JsonNode> listTable(TableRef table) {
        return json(new Key(Kind.JSON, table, null), () -> nftables.listTable(table));
    }

    @Override
    public Optional<JsonNode> listTableTerse(TableRef table) {
        return json(new Key(Kind.JSON_TERSE, table, null), () -> nftables.listTableTerse(table));
    }

    /** Never kept: counter values and quota use change with every packet. */
    @Override
    public Optional<JsonNode> listTableWithCounters(TableRef table) {
        return nftables.listTableWithCounters(table);
    }

    @Override
    public Optional<String> listTableText(TableRef table) {
        return kept(new Key(Kind.TEXT, table, null), () -> nftables.listTableText(table), CachedListings::stableText);
    }

    @Override
    public Optional<String> listTableTextTerse(TableRef table) {
        return kept(
                new Key(Kind.TEXT_TERSE, table, null),
                () -> nftables.listTableTextTerse(table),
                CachedListings::stableText);
    }

    @Override
    public Optional<Listings> listTableAndText(TableRef table, boolean withCounters) {
        if (withCounters) {
            return nftables.listTableAndText(table, true);
        }
        return kept(
                        new Key(Kind.BOTH, table, null),
                        () -> nftables.listTableAndText(table, false),
                        both -> both.isEmpty()
                                || stableText(Optional.of(both.get().text()))
                                        && stableJson(Optional.of(both.get().json())))
                .map(both -> new Listings(both.json().deepCopy(), both.text()));
    }

    @Override
    public Map<Long, String> ruleTexts(TableRef table) {
        return kept(
                new Key(Kind.RULES, table, null),
                () -> nftables.ruleTexts(table),
                rules -> rules.values().stream()
                        .noneMatch(rule -> VOLATILE_TEXT.matcher(rule).find()));
    }

    @Override
    public Optional<String> listSetText(TableRef table, String set) {
        return kept(new Key(Kind.SET, table, set), () -> nftables.listSetText(table, set), CachedListings::stableText);
    }

    /**
     * Keeps, across the one commit that follows, every listing that does not show the elements of {@code set}: the
     * listings of other tables, the table's terse ones and its other sets'. Only if that commit was the only one
     * (the generation moved by exactly one), and only listings kept at the generation before it.
     */
    @Override
    public Runnable elementsOnlyCommit(TableRef table, String set) {
        OptionalLong before = generation.get();
        return () -> {
            OptionalLong after = generation.get();
            if (before.isEmpty() || after.isEmpty() || after.getAsLong() != before.getAsLong() + 1) {
                return;
            }
            synchronized (this) {
                if (cachedGeneration != before.getAsLong()) {
                    return;
                }
                cached.keySet()
                        .removeIf(key -> table.equals(key.table())
                                && key.kind().elements
                                && (key.set() == null || key.set().equals(set)));
                cachedGeneration = after.getAsLong();
            }
        };
    }

    @Override
    public void run(String script) {
        nftables.run(script);
    }

    @Override
    public void dryRun(String script) {
        nftables.dryRun(script);
    }

    @Override
    public void dryRunAlone(String script) {
        nftables.dryRunAlone(script);
    }

    /** JSON is handed out as a copy: readers may build on it. */
    private Optional<JsonNode> json(Key key, Supplier<Optional<JsonNode>> list) {
        return kept(key, list, CachedListings::stableJson).map(JsonNode::deepCopy);
    }

    /**
     * The listing {@code key} kept at the current generation, else {@code list}'s answer, kept if the generation
     * did not move while it was made and {@code stable} says no packet changes it.
     */
    @SuppressWarnings("unchecked")
    private <T> T kept(Key key, Supplier<T> list, Predicate<T> stable) {
        OptionalLong before = generation.get();
        if (before.isEmpty()) {
            return list.get();
        }
        synchronized (this) {
            if (cachedGeneration != before.getAsLong()) {
                cached.clear();
                cachedGeneration = before.getAsLong();
            } else if (cached.containsKey(key)) {
                LOG.debug("{} answered from the cache (ruleset generation {})", key, cachedGeneration);
                return (T) cached.get(key);
            }
        }
        T listed = list.get();
        if (generation.get().equals(before) && stable.test(listed)) {
            synchronized (this) {
                if (cachedGeneration == before.getAsLong()) {
                    cached.put(key, listed);
                }
            }
        }
        return listed;
    }

    private static boolean stableText(Optional<String> text) {
        return text.isEmpty() || !VOLATILE_TEXT.matcher(text.get()).find();
    }

    private static boolean stableJson(Optional<JsonNode> json) {
        return json.isEmpty() || !VOLATILE_JSON.matcher(json.get().toString()).find();
    }
}
