package io.nftkeeper.agent.nft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.JsonLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tables-only nftables in memory (other objects only need their table to exist), transactional like the kernel: a script is applied to a copy, which replaces
 * the state only if every line succeeded. Understands the scripts {@code Transaction.toScript()} renders.
 */
public class FakeNftables implements Nftables {

    private Set<TableRef> tables = new TreeSet<>();
    /** Each table's handle: a new one whenever a table is created, as the kernel gives them. */
    private final java.util.Map<TableRef, Long> handles = new java.util.HashMap<>();

    private long lastHandle;
    private final List<String> scripts = new ArrayList<>();
    private final List<String> dryRuns = new ArrayList<>();
    private String refusedAtCommit;
    private final java.util.Map<TableRef, JsonNode> handMadeListings = new java.util.HashMap<>();
    private final java.util.Map<String, String> setListings = new java.util.HashMap<>();

    public FakeNftables with(TableRef... existing) {
        tables.addAll(List.of(existing));
        numberNewTables();
        return this;
    }

    /** Someone deleted the table and created it again: same name, new handle. */
    public FakeNftables recreatedByHand(TableRef table) {
        tables.add(table);
        handles.put(table, ++lastHandle);
        return this;
    }

    /** Someone deleted the table by hand. */
    public FakeNftables deletedByHand(TableRef table) {
        tables.remove(table);
        numberNewTables();
        return this;
    }

    @Override
    public java.util.OptionalLong tableHandle(TableRef table) {
        Long handle = tables.contains(table) ? handles.get(table) : null;
        return handle == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(handle);
    }

    private void numberNewTables() {
        handles.keySet().retainAll(tables);
        for (TableRef table : tables) {
            handles.computeIfAbsent(table, t -> ++lastHandle);
        }
    }

    public Set<TableRef> dump() {
        return Set.copyOf(tables);
    }

    public List<String> scripts() {
        return scripts;
    }

    public List<String> dryRuns() {
        return dryRuns;
    }

    /** Like the kernel's commit-time checks: a batch containing {@code line} passes dry runs but fails to commit. */
    public FakeNftables refusingAtCommit(String line) {
        refusedAtCommit = line;
        return this;
    }

    /** Someone changed the table by hand: it now lists as {@code listing}. */
    public FakeNftables changedByHand(TableRef table, JsonNode listing) {
        handMadeListings.put(table, listing);
        return this;
    }

    @Override
    public String version() {
        return "1.0.6";
    }

    @Override
    public Set<TableRef> tables() {
        return Set.copyOf(tables);
    }

    @Override
    public Optional<JsonNode> listTable(TableRef table) {
        if (!tables.contains(table)) {
            return Optional.empty();
        }
        if (handMadeListings.containsKey(table)) {
            return Optional.of(handMadeListings.get(table));
        }
        ObjectNode listing = JsonLines.mapper().createObjectNode();
        listing.putArray("nftables")
                .addObject()
                .putObject("table")
                .put("family", table.family().nftName())
                .put("name", table.name())
                .put("handle", 1);
        return Optional.of(listing);
    }

    /** The fake counts nothing: its listing with counters is its plain listing. */
    @Override
    public Optional<JsonNode> listTableWithCounters(TableRef table) {
        return listTable(table);
    }

    @Override
    public Optional<String> listTableText(TableRef table) {
        return tables.contains(table)
                ? Optional.of("table " + table.family().nftName() + " " + table.name() + " {\n}\n")
                : Optional.empty();
    }

    /** Its tables hold no rules. */
    @Override
    public java.util.Map<Long, String> ruleTexts(TableRef table) {
        return java.util.Map.of();
    }

    /** {@code nft -s list set} of {@code set} prints {@code listing} (until the table is gone). */
    public FakeNftables withSetListing(TableRef table, String set, String listing) {
        setListings.put(table + "/" + set, listing);
        return this;
    }

    @Override
    public Optional<String> listSetText(TableRef table, String set) {
        return tables.contains(table) ? Optional.ofNullable(setListings.get(table + "/" + set)) : Optional.empty();
    }

    @Override
    public void run(String script) {
        scripts.add(script);
        Set<TableRef> after = build(script);
        if (refusedAtCommit != null && script.lines().anyMatch(refusedAtCommit::equals)) {
            throw NftFailure.fromErrorText("Error: Could not process rule: Operation not supported\n"
                    + script.lines().findFirst().orElseThrow() + "\n");
        }
        tables = after;
        numberNewTables();
    }

    @Override
    public void dryRun(String script) {
        dryRuns.add(script);
        build(script);
    }

    private Set<TableRef> build(String script) {
        Set<TableRef> copy = new TreeSet<>(tables);
        for (String line : script.lines().toList()) {
            String[] words = line.split(" ");
            if (line.startsWith("\t") || line.equals("}")) {
                continue; // inside a table declaration (a restore batch)
            }
            if (words.length >= 3 && words[0].equals("table")) {
                copy.add(new TableRef(Family.parse(words[1]).orElseThrow(), words[2]));
                continue;
            }
            if (words.length >= 4 && !words[1].equals("table")) {
                // chains, rules, sets, elements: only their table is modelled
                if (!copy.contains(new TableRef(Family.parse(words[2]).orElseThrow(), words[3]))) {
                    throw NftFailure.fromErrorText("Error: No such file or directory; did you mean table?\n"
                            + script.lines().findFirst().orElseThrow() + "\n");
                }
                continue;
            }
            if (words.length != 4) {
                throw NftFailure.fromErrorText("Error: syntax error\n" + line);
            }
            TableRef table = new TableRef(Family.parse(words[2]).orElseThrow(), words[3]);
            switch (words[0]) {
                case "add" -> copy.add(table);
                case "flush" -> {
                    if (!copy.contains(table)) {
                        throw NftFailure.fromErrorText("Error: No such file or directory\n" + line);
                    }
                }
                case "delete" -> {
                    if (!copy.remove(table)) {
                        throw NftFailure.fromErrorText("Error: Could not process rule: No such file or directory\n"
                                // like libnftables: a buffer's error quotes its first line
                                + script.lines().findFirst().orElseThrow() + "\n");
                    }
                }
                default -> throw NftFailure.fromErrorText("Error: syntax error\n" + line);
            }
        }
        return copy;
    }
}
