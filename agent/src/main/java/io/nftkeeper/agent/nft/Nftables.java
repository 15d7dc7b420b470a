package io.nftkeeper.agent.nft;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.protocol.TableRef;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the agent needs from nftables. The real implementation is confined to the thread that opened it (the library
 * is not thread-safe), so the agent calls it only from the thread that serves requests.
 */
public interface Nftables {

    /** The library's version, e.g. {@code 1.0.6}. */
    String version();

    /** Every table on the host whose name nftkeeper could manage (others are invisible to it). */
    Set<TableRef> tables();

    /**
     * The kernel's handle of a table, or empty if it does not exist. A table deleted and created again gets a new
     * handle, so it tells the table nftkeeper created or adopted from one someone else made under the same name.
     */
    OptionalLong tableHandle(TableRef table);

    /** The stateless JSON listing ({@code {"nftables": [...]}}) of a table, or empty if it does not exist. */
    Optional<JsonNode> listTable(TableRef table);

    /**
     * Like {@link #listTable}, but stateful: anonymous and named counters with their packets and bytes, quotas with
     * their usage. For reading values, never for comparing listings.
     */
    Optional<JsonNode> listTableWithCounters(TableRef table);

    /**
     * The stateless text listing of a table ({@code nft -s list table ...}), which nft reads back as a declaration
     * of the same table, or empty if it does not exist.
     */
    Optional<String> listTableText(TableRef table);

    /** A table's JSON and text listings, as {@link #listTable} and {@link #listTableText} give them. */
    record Listings(JsonNode json, String text) {}

    /**
     * Both listings of a table, the JSON one {@linkplain #listTableWithCounters with counter values} if
     * {@code withCounters}, or empty if the table does not exist (also if it vanished between the two):
     * implementations may make them with fewer library calls than the two methods, and may leave set and map elements
     * out of the JSON (the text has them).
     */
    default Optional<Listings> listTableAndText(TableRef table, boolean withCounters) {
        Optional<JsonNode> json = withCounters ? listTableWithCounters(table) : listTable(table);
        Optional<String> text = json.isPresent() ? listTableText(table) : Optional.empty();
        return json.isPresent() && text.isPresent()
                ? Optional.of(new Listings(json.get(), text.get()))
                : Optional.empty();
    }

    /**
     * Each rule's text as nft prints it, by handle ({@code nft -a -s -t list table ...}: rules without set
     * elements); empty if the table does not exist.
     */
    Map<Long, String> ruleTexts(TableRef table);

    /**
     * Like {@link #listTable}, with the elements of every set and map left out ({@code nft -t}): a set of a million
     * elements costs nothing to list this way.
     */
    default Optional<JsonNode> listTableTerse(TableRef table) {
        return listTable(table);
    }

    /** Like {@link #listTableText}, with the elements of every set and map left out ({@code nft -t}). */
    default Optional<String> listTableTextTerse(TableRef table) {
        return listTableText(table);
    }

    /**
     * The stateless text listing of one set ({@code nft -s list set ...}), or empty if it (or its table) does not
     * exist. Cheaper than listing its table when only this set's elements matter.
     */
    Optional<String> listSetText(TableRef table, String set);

    /**
     * Runs {@code script} as one netlink batch: all of it or nothing.
     *
     * @throws NftFailure when nft rejects the script; nothing was changed
     */
    void run(String script);

    /**
     * Says that the next commit changes only the elements of {@code set} (of {@code table}); returns what to call
     * once it committed. An implementation that caches listings may keep those that leave the elements out.
     */
    default Runnable elementsOnlyCommit(TableRef table, String set) {
        return () -> {};
    }

    /**
     * Sends {@code script} to the kernel as a batch that is aborted instead of committed. Catches what the kernel
     * checks while building the batch (missing objects, existing ones, unknown jump targets), not what it checks
     * only when committing (e.g. masquerade in a filter chain, jump loops).
     *
     * @throws NftFailure when nft rejects the script
     */
    void dryRun(String script);

    /**
     * Like {@link #dryRun}, for a script that declares every object it uses ({@code add table}, {@code add set},
     * ...): may run it against an empty ruleset instead of the host's, where nothing the host holds makes it slower
     * or fail. The default runs it against the host's ruleset, where the same script checks the same.
     *
     * @throws NftFailure when nft rejects the script
     */
    default void dryRunAlone(String script) {
        dryRun(script);
    }
}
