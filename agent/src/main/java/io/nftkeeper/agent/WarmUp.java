package io.nftkeeper.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.agent.nft.NftFailure;
import io.nftkeeper.agent.nft.Nftables;
import io.nftkeeper.agent.nft.SingleThreadNftables;
import io.nftkeeper.agent.rpc.Dispatcher;
import io.nftkeeper.agent.rpc.RpcLoop;
import io.nftkeeper.agent.state.StateDirectory;
import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.CheckParams;
import io.nftkeeper.protocol.wire.DriftParams;
import io.nftkeeper.protocol.wire.HelloParams;
import io.nftkeeper.protocol.wire.JsonLines;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.Request;
import io.nftkeeper.protocol.wire.Response;
import io.nftkeeper.protocol.wire.WireProtocol;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code warm-up}: one serve session in this process, over in-memory streams and a temporary state directory, so
 * that a JVM started with {@code -XX:ArchiveClassesAtExit} archives the classes a real session loads (the
 * provider makes each host's class-data-sharing archive this way). Asks only what changes nothing: hello, list and
 * check (which the kernel aborts) of a table nobody has, and drift of the managed tables, of which there are none.
 * Runs without root too (the provider makes the archive as the SSH user, who may reach root only through sudo for
 * serve): libnftables still loads, and the requests are served from an empty ruleset, since reading the real one
 * needs root.
 */
final class WarmUp {

    static final String COMMAND = "warm-up";

    /** Not a table anyone manages: the state directory is new, and only list and check name it. */
    static final TableRef TABLE = new TableRef(Family.INET, "nftkeeper_warm_up");

    private WarmUp() {}

    /** Exit 0 once the session ran, whatever libnftables answered; 1 if the session itself failed. */
    static int run(PrintStream err) {
        Path stateDir = null;
        SingleThreadNftables library = null;
        try {
            Nftables nftables;
            try {
                library = SingleThreadNftables.open();
                nftables = library;
            } catch (NftFailure e) {
                // not root: the library loaded but may not read the ruleset; the requests still load their classes
                err.println("warm-up: libnftables cannot read the ruleset ("
                        + e.getMessage().strip() + "); serving an empty one");
                nftables = new EmptyRuleset();
            }
            stateDir = Files.createTempDirectory("nftkeeper-warm-up-");
            List<Response> responses = session(nftables, StateDirectory.prepare(stateDir));
            err.println("warm-up: " + responses.size() + " requests answered, "
                    + responses.stream()
                            .filter(response -> response.error() != null)
                            .count() + " with an error");
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("ERROR warm-up failed: " + e);
            return 1;
        } finally {
            if (library != null) {
                library.close();
            }
            deleteQuietly(stateDir);
        }
    }

    /** Serves the warm-up requests with {@code nftables} and {@code stateDir}; returns the answers in order. */
    static List<Response> session(Nftables nftables, Path stateDir) throws IOException {
        ObjectMapper mapper = JsonLines.mapper();
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        long id = 1;
        for (Request request : List.of(
                new Request(
                        id++,
                        WireProtocol.HELLO,
                        mapper.valueToTree(
                                new HelloParams(WireProtocol.PROTOCOL_VERSION, "nftkeeper-agent/" + COMMAND))),
                new Request(id++, WireProtocol.LIST, mapper.valueToTree(new ListParams(List.of(TABLE)))),
                new Request(
                        id++,
                        WireProtocol.CHECK,
                        mapper.valueToTree(new CheckParams(Transaction.builder()
                                .add(Table.of(TABLE))
                                .add(Chain.regular(TABLE, "warm_up"))
                                .add(new Rule(TABLE, "warm_up", "tcp dport 22 counter accept"))
                                .build()))),
                new Request(id, WireProtocol.DRIFT, mapper.valueToTree(new DriftParams(List.of()))))) {
            JsonLines.writeLine(requests, request);
        }
        ByteArrayOutputStream answers = new ByteArrayOutputStream();
        Dispatcher dispatcher = new Dispatcher(Main.version(), "warm-up", nftables, stateDir);
        new RpcLoop(dispatcher).serve(new ByteArrayInputStream(requests.toByteArray()), answers);
        try (Stream<String> lines = answers.toString(StandardCharsets.UTF_8).lines()) {
            return lines.map(line -> read(mapper, line)).toList();
        }
    }

    /** A host without tables, for an unprivileged warm-up; it refuses to change anything. */
    private static final class EmptyRuleset implements Nftables {

        @Override
        public String version() {
            return "unknown";
        }

        @Override
        public Set<TableRef> tables() {
            return Set.of();
        }

        @Override
        public Optional<JsonNode> listTable(TableRef table) {
            return Optional.empty();
        }

        @Override
        public Optional<JsonNode> listTableWithCounters(TableRef table) {
            return Optional.empty();
        }

        @Override
        public java.util.OptionalLong tableHandle(TableRef table) {
            return java.util.OptionalLong.empty();
        }

        @Override
        public Optional<String> listTableText(TableRef table) {
            return Optional.empty();
        }

        @Override
        public java.util.Map<Long, String> ruleTexts(TableRef table) {
            return java.util.Map.of();
        }

        @Override
        public Optional<String> listSetText(TableRef table, String set) {
            return Optional.empty();
        }

        @Override
        public void run(String script) {
            throw new IllegalStateException("the warm-up never changes a ruleset");
        }

        @Override
        public void dryRun(String script) {
            // nothing to check the script against; parsing it needs the privileges we lack
        }
    }

    private static Response read(ObjectMapper mapper, String line) {
        try {
            return mapper.readValue(line, Response.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover empty directory under /tmp is not worth failing the warm-up for
        }
    }
}
