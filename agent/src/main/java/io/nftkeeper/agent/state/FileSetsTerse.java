package io.nftkeeper.agent.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.agent.nft.Nftables;
import io.nftkeeper.protocol.TableRef;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link Nftables} that listings, baselines and drift read through: a table whose only sets and maps are sets
 * filled from files ({@code elements} method, see {@link ElementRecords}) is listed without elements ({@code nft -t}),
 * because those sets may hold millions of elements and have their own digest-based refresh and drift. Any other
 * set or map in the table (whose elements the listing must show) makes the whole table list in full. Everything
 * else, applies and rollback scripts included, goes to the wrapped library unchanged.
 */
public final class FileSetsTerse implements Nftables {

    private final Nftables nftables;
    private final ElementRecords records;

    public FileSetsTerse(Nftables nftables, ElementRecords records) {
        this.nftables = nftables;
        this.records = records;
    }

    @Override
    public String version() {
        return nftables.version();
    }

    @Override
    public Set<TableRef> tables() {
        return nftables.tables();
    }

    @Override
    public Optional<JsonNode> listTable(TableRef table) {
        Optional<JsonNode> terse = terse(table);
        return terse.isPresent() ? terse : nftables.listTable(table);
    }

    @Override
    public Optional<String> listTableText(TableRef table) {
        return terse(table).isPresent() ? nftables.listTableTextTerse(table) : nftables.listTableText(table);
    }

    /** In full: counter values are read for data sources, which show every element too. */
    @Override
    public Optional<JsonNode> listTableWithCounters(TableRef table) {
        return nftables.listTableWithCounters(table);
    }

    @Override
    public java.util.OptionalLong tableHandle(TableRef table) {
        return nftables.tableHandle(table);
    }

    @Override
    public Optional<Listings> listTableAndText(TableRef table, boolean withCounters) {
        if (withCounters || records.sets(table).isEmpty()) {
            return nftables.listTableAndText(table, withCounters);
        }
        return Nftables.super.listTableAndText(table, false);
    }

    @Override
    public Map<Long, String> ruleTexts(TableRef table) {
        return nftables.ruleTexts(table);
    }

    /** The terse listing when the table has file sets and no other set or map; else empty. */
    private Optional<JsonNode> terse(TableRef table) {
        Set<String> fileSets = records.sets(table);
        return fileSets.isEmpty()
                ? Optional.empty()
                : nftables.listTableTerse(table).filter(listing -> onlyThese(listing, fileSets));
    }

    @Override
    public Optional<String> listSetText(TableRef table, String set) {
        return nftables.listSetText(table, set);
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

    /** Whether every set and map of a (terse) listing is one of {@code fileSets}. */
    private static boolean onlyThese(JsonNode listing, Set<String> fileSets) {
        for (JsonNode item : listing.path("nftables")) {
            if (item.has("map")
                    || item.has("set")
                            && !fileSets.contains(item.path("set").path("name").asText())) {
                return false;
            }
        }
        return true;
    }
}
