package io.nftkeeper.agent.nft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Identifiers;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.JsonLines;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@link Nftables}: libnftables in this process, every call confined to the thread that opened it,
 * because the library is not thread-safe even with one context per thread. The agent opens it on the thread
 * that serves requests, so a call is a plain function call: no hand-off to a library thread and back, which cost
 * more than the library call itself on a busy host (two thread wake-ups per call).
 */
public final class SingleThreadNftables implements Nftables, AutoCloseable {

    private static final int LISTING_FLAGS = LibNftables.OUTPUT_JSON | LibNftables.OUTPUT_STATELESS;
    private static final int COUNTING_FLAGS = LibNftables.OUTPUT_JSON;
    private static final Pattern TABLE_HANDLE = Pattern.compile("^table .+ \\{ # handle (\\d+)$");

    private final Thread owner;
    private final LibNftables library;
    private final String version;
    private final Optional<IsolatedDryRun> isolated = IsolatedDryRun.find();
    /** Found on first use: finding it starts a process. */
    private Optional<IsolatedDryRun> alone;

    private SingleThreadNftables(LibNftables library) {
        this.owner = Thread.currentThread();
        this.library = library;
        // not "list tables": its JSON carries every table, and a dormant table's flags corrupt 1.0.6's heap
        this.version = listing("list flowtables", LISTING_FLAGS)
                .path("nftables")
                .path(0)
                .path("metainfo")
                .path("version")
                .asText("unknown");
    }

    /**
     * Loads libnftables now; fails with a {@link StartupException} if it is missing. Only the calling thread may
     * use the result.
     */
    public static SingleThreadNftables open() {
        return open(LibNftables.LIBRARY);
    }

    static SingleThreadNftables open(String libraryName) {
        return new SingleThreadNftables(LibNftables.open(libraryName));
    }

    @Override
    public String version() {
        return version;
    }

    /**
     * From the text listing. In 1.0.6 both the JSON and the text {@code list tables} fill the library's full cache
     * (measured: 0.3 s with one 100k-element set on the host), so callers ask only when they need the answer.
     */
    @Override
    public Set<TableRef> tables() {
        // "list chains", which prints every table (also one without chains): for "list tables", even terse, nft
        // 1.0.6 reads every set's elements from the kernel (a 1M-element interval set on the host: 150 s, 1.3 GB)
        LibNftables.Outcome outcome = confined(() -> library.run("list chains", LibNftables.OUTPUT_TERSE));
        if (!outcome.succeeded()) {
            throw NftFailure.fromErrorText(outcome.error());
        }
        Set<TableRef> tables = new TreeSet<>();
        for (String line : outcome.output().split("\n")) {
            String[] words = line.split(" ");
            if (words.length == 4 && words[0].equals("table") && words[3].equals("{")) {
                manageable(words[1], words[2]).ifPresent(tables::add);
            }
        }
        return Collections.unmodifiableSet(tables);
    }

    @Override
    public Optional<JsonNode> listTable(TableRef table) {
        return listTable(table, LISTING_FLAGS);
    }

    @Override
    public Optional<JsonNode> listTableWithCounters(TableRef table) {
        return listTable(table, COUNTING_FLAGS);
    }

    @Override
    public Optional<JsonNode> listTableTerse(TableRef table) {
        return listTable(table, LISTING_FLAGS | LibNftables.OUTPUT_TERSE);
    }

    /** The JSON listing with {@code flags}, checked for table flags by a text listing as terse as it is. */
    private Optional<JsonNode> listTable(TableRef table, int flags) {
        int textFlags = LibNftables.OUTPUT_STATELESS | (flags & LibNftables.OUTPUT_TERSE);
        return textListing(table, textFlags).flatMap(text -> json(table, text, flags));
    }

    /**
     * From one text listing and one JSON listing (or the pieces of a flagged table's). The JSON is terse: only its
     * rules and named objects are read ({@code LiveTables}), elements come from the text, and printing and parsing
     * every element twice cost about a fifth of a listing with 20k elements.
     */
    @Override
    public Optional<Listings> listTableAndText(TableRef table, boolean withCounters) {
        int flags = (withCounters ? COUNTING_FLAGS : LISTING_FLAGS) | LibNftables.OUTPUT_TERSE;
        return listTableText(table).flatMap(text -> json(table, text, flags).map(json -> new Listings(json, text)));
    }

    /**
     * nft 1.0.6 prints a flagged table's flags from freed memory, which can corrupt the heap, not only the JSON: the
     * JSON listing only of a table whose text listing shows no flags.
     */
    private Optional<JsonNode> json(TableRef table, String text, int flags) {
        try {
            if (!FlaggedTableListing.hasFlags(text)) {
                JsonNode listing = listing("list " + table.describe(), flags);
                if (!FlaggedTableListing.printsFlags(listing)) {
                    return Optional.of(listing);
                }
            }
        } catch (NftFailure e) {
            // deleted by someone else between the two calls
            if (e.code() == io.nftkeeper.protocol.wire.ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        } catch (NftkeeperException e) {
            if (!(e.getCause() instanceof JsonProcessingException)) {
                throw e;
            }
            // nft 1.0.6 printed flags set since the text listing from freed memory: rebuilt below
        }
        return Optional.of(FlaggedTableListing.rebuild(table, text, command -> listing(command, flags)));
    }

    /** From the first line of {@code nft -a -t list table}: {@code table inet web { # handle 7}. */
    @Override
    public OptionalLong tableHandle(TableRef table) {
        return listText("list " + table.describe(), LibNftables.OUTPUT_HANDLE | LibNftables.OUTPUT_TERSE)
                .map(SingleThreadNftables::firstLineHandle)
                .orElse(OptionalLong.empty());
    }

    static OptionalLong firstLineHandle(String listing) {
        Matcher handle = TABLE_HANDLE.matcher(listing.lines().findFirst().orElse(""));
        return handle.find() ? OptionalLong.of(Long.parseLong(handle.group(1))) : OptionalLong.empty();
    }

    @Override
    public Optional<String> listTableText(TableRef table) {
        return textListing(table, LibNftables.OUTPUT_STATELESS);
    }

    @Override
    public Optional<String> listTableTextTerse(TableRef table) {
        return textListing(table, LibNftables.OUTPUT_STATELESS | LibNftables.OUTPUT_TERSE);
    }

    @Override
    public Optional<String> listSetText(TableRef table, String set) {
        Identifiers.require("set", set);
        // the same spelling as every other command names a set with (NftSet.describe)
        return listText(
                "list set " + table.family().nftName() + " " + table.name() + " " + set, LibNftables.OUTPUT_STATELESS);
    }

    @Override
    public Map<Long, String> ruleTexts(TableRef table) {
        return textListing(table, LibNftables.OUTPUT_STATELESS | LibNftables.OUTPUT_HANDLE | LibNftables.OUTPUT_TERSE)
                .map(RuleTexts::parse)
                .orElse(Map.of());
    }

    /** {@code list table} as text with these output flags; empty if the table does not exist. */
    private Optional<String> textListing(TableRef table, int flags) {
        if (!tables().contains(table)) {
            return Optional.empty();
        }
        return listText("list " + table.describe(), flags);
    }

    /** A text listing; empty when what it lists does not exist (NOT_FOUND). */
    private Optional<String> listText(String command, int flags) {
        LibNftables.Outcome outcome = confined(() -> library.run(command, flags));
        if (!outcome.succeeded()) {
            NftFailure failure = NftFailure.fromErrorText(outcome.error());
            if (failure.code() == io.nftkeeper.protocol.wire.ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw failure;
        }
        return Optional.of(outcome.output());
    }

    @Override
    public void run(String script) {
        LibNftables.Outcome outcome = confined(() -> library.run(script, LibNftables.OUTPUT_DEFAULT));
        if (!outcome.succeeded()) {
            throw NftFailure.fromErrorText(outcome.error());
        }
    }

    /** In a child nft where the host has the command (see {@link IsolatedDryRun}), else in this process. */
    @Override
    public void dryRun(String script) {
        if (isolated.isPresent()) {
            isolated.get().check(script);
            return;
        }
        LibNftables.Outcome outcome = confined(() -> library.run(script, LibNftables.OUTPUT_DEFAULT, true));
        if (!outcome.succeeded()) {
            throw NftFailure.fromErrorText(outcome.error());
        }
    }

    /** In a child nft in a network namespace of its own where the host has the commands, else as {@link #dryRun}. */
    @Override
    public void dryRunAlone(String script) {
        if (alone == null) {
            alone = IsolatedDryRun.findAlone();
        }
        if (alone.isPresent()) {
            alone.get().check(script);
            return;
        }
        dryRun(script);
    }

    @Override
    public void close() {
        confined(() -> {
            library.close();
            return null;
        });
    }

    private JsonNode listing(String command, int flags) {
        LibNftables.Outcome outcome = confined(() -> library.run(command, flags));
        if (!outcome.succeeded()) {
            throw NftFailure.fromErrorText(outcome.error());
        }
        try {
            return JsonLines.mapper().readTree(outcome.output());
        } catch (JsonProcessingException e) {
            throw new NftkeeperException("libnftables printed JSON we cannot parse for \"" + command + "\"", e);
        }
    }

    // Tables named outside our identifier rules were not made by nftkeeper and cannot be named in a request.
    private static Optional<TableRef> manageable(String family, String name) {
        return Family.parse(family)
                .filter(f -> Identifiers.check("table", name).isEmpty())
                .map(f -> new TableRef(f, name));
    }

    private <T> T confined(Supplier<T> call) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("libnftables is confined to thread " + owner.getName()
                    + ", which opened it; called from " + Thread.currentThread().getName());
        }
        return call.get();
    }
}
