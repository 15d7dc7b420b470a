package io.nftkeeper.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Identifiers;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.JsonLines;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The real {@link Nftables}: libnftables in this process, every call confined to the thread that opened it,
 * because the library is not thread-safe even with one context per thread. The agent opens it on the thread
 * that serves requests, so a call is a plain function call: no hand-off to a library thread and back, which cost
 * more than the library call itself on a busy host (two thread wake-ups per call).
 */
public final class SingleThreadNftables implements Nftables, AutoCloseable {

    private static final int LISTING_FLAGS = LibNftables.OUTPUT_JSON | LibNftables.OUTPUT_STATELESS;

    private final Thread owner;
    private final LibNftables library;
    private final String version;

    private SingleThreadNftables(LibNftables library) {
        this.owner = Thread.currentThread();
        this.library = library;
        this.version = listing("list tables").path("nftables").path(0).path("metainfo").path("version")
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
        LibNftables.Outcome outcome = confined(() -> library.run("list tables", LibNftables.OUTPUT_DEFAULT));
        if (!outcome.succeeded()) {
            throw NftFailure.fromErrorText(outcome.error());
        }
        Set<TableRef> tables = new TreeSet<>();
        for (String line : outcome.output().split("\n")) {
            String[] words = line.strip().split(" ");
            if (words.length == 3 && words[0].equals("table")) {
                manageable(words[1], words[2]).ifPresent(tables::add);
            }
        }
        return Collections.unmodifiableSet(tables);
    }

    @Override
    public Optional<JsonNode> listTable(TableRef table) {
        return listTable(table, 0);
    }

    @Override
    public Optional<JsonNode> listTableTerse(TableRef table) {
        return listTable(table, LibNftables.OUTPUT_TERSE);
    }

    /** {@code extraFlags}: OUTPUT_TERSE or none; a flagged table is rebuilt object by object, in full. */
    private Optional<JsonNode> listTable(TableRef table, int extraFlags) {
        if (!tables().contains(table)) {
            return Optional.empty();
        }
        try {
            JsonNode listing = listing("list " + table.describe(), extraFlags);
            if (!FlaggedTableListing.printsFlags(listing)) {
                return Optional.of(listing);
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
            // nft 1.0.6 printed a flagged table's flags from freed memory: rebuilt below
        }
        return listTableText(table).map(text -> FlaggedTableListing.rebuild(table, text, this::listing));
    }

    @Override
    public Optional<String> listTableText(TableRef table) {
        return listTableText(table, 0);
    }

    @Override
    public Optional<String> listTableTextTerse(TableRef table) {
        return listTableText(table, LibNftables.OUTPUT_TERSE);
    }

    private Optional<String> listTableText(TableRef table, int extraFlags) {
        if (!tables().contains(table)) {
            return Optional.empty();
        }
        return listText("list " + table.describe(), LibNftables.OUTPUT_STATELESS | extraFlags);
    }

    @Override
    public Optional<String> listSetText(TableRef table, String set) {
        Identifiers.require("set", set);
        // the same spelling as every other command names a set with (NftSet.describe)
        return listText("list set " + table.family().nftName() + " " + table.name() + " " + set,
                LibNftables.OUTPUT_STATELESS);
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

    @Override
    public void dryRun(String script) {
        LibNftables.Outcome outcome = confined(() -> library.run(script, LibNftables.OUTPUT_DEFAULT, true));
        if (!outcome.succeeded()) {
            throw NftFailure.fromErrorText(outcome.error());
        }
    }

    @Override
    public void close() {
        confined(() -> {
            library.close();
            return null;
        });
    }

    private JsonNode listing(String command) {
        return listing(command, 0);
    }

    private JsonNode listing(String command, int extraFlags) {
        LibNftables.Outcome outcome = confined(() -> library.run(command, LISTING_FLAGS | extraFlags));
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
