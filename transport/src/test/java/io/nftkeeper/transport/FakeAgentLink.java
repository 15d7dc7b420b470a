package io.nftkeeper.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.wire.AgentClient;
import io.nftkeeper.protocol.wire.ApplyParams;
import io.nftkeeper.protocol.wire.ApplyResult;
import io.nftkeeper.protocol.wire.JsonLines;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.ListResult;
import io.nftkeeper.protocol.wire.Request;
import io.nftkeeper.protocol.wire.Response;
import io.nftkeeper.protocol.wire.TableListing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An agent answering over in-memory pipes, as the pool sees one: records every method it is sent, lists every
 * table as present (its comment says how many applies it has seen), accepts every apply (reading the touched tables
 * back when asked) and adopt. Its answers to {@code list} wait until {@link #openLists()}.
 */
final class FakeAgentLink implements AgentLink {

    private final ObjectMapper mapper = JsonLines.mapper();
    private final List<String> methods = new CopyOnWriteArrayList<>();
    private final CountDownLatch listsOpen = new CountDownLatch(1);
    private final AgentClient client;
    private final Thread agent;
    private volatile boolean alive = true;
    private volatile int applies;
    private final java.util.concurrent.atomic.AtomicInteger tableLists =
            new java.util.concurrent.atomic.AtomicInteger();

    FakeAgentLink(boolean listsOpenAtOnce) {
        try {
            Pipe requests = Pipe.open();
            Pipe responses = Pipe.open();
            client = new AgentClient(
                    Channels.newInputStream(responses.source()),
                    Channels.newOutputStream(requests.sink()),
                    Duration.ofSeconds(10));
            agent = new Thread(
                    () -> serve(
                            JsonLines.reader(Channels.newInputStream(requests.source())),
                            Channels.newOutputStream(responses.sink())),
                    "fake-agent");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        agent.setDaemon(true);
        agent.start();
        if (listsOpenAtOnce) {
            openLists();
        }
    }

    void openLists() {
        listsOpen.countDown();
    }

    /** How many {@code list} requests named at least one table (an empty one only shows the host answers). */
    long listsOfTables() {
        return tableLists.get();
    }

    /** How many requests of {@code method} the agent received. */
    long received(String method) {
        return methods.stream().filter(method::equals).count();
    }

    @Override
    public AgentClient client() {
        return client;
    }

    @Override
    public boolean isAlive() {
        return alive;
    }

    @Override
    public void close() {
        alive = false;
        client.close();
    }

    private void serve(BufferedReader requests, OutputStream responses) {
        try {
            String line;
            while ((line = requests.readLine()) != null) {
                Request request = mapper.readValue(line, Request.class);
                methods.add(request.method());
                JsonLines.writeLine(responses, Response.success(request.id(), answer(request)));
            }
        } catch (IOException | InterruptedException e) {
            alive = false;
        }
    }

    private JsonNode answer(Request request) throws IOException, InterruptedException {
        return switch (request.method()) {
            case "list" -> {
                listsOpen.await(10, TimeUnit.SECONDS);
                ListParams params = mapper.treeToValue(request.params(), ListParams.class);
                if (!params.tables().isEmpty()) {
                    tableLists.incrementAndGet();
                }
                yield mapper.valueToTree(new ListResult(
                        params.tables().stream().map(this::listing).toList()));
            }
            case "apply" -> {
                applies++;
                ApplyParams params = mapper.treeToValue(request.params(), ApplyParams.class);
                ApplyResult applied = new ApplyResult("", false);
                yield mapper.valueToTree(
                        !params.readsBack()
                                ? applied
                                : applied.withTables(params.transaction().commands().stream()
                                        .map(c -> c.object().table())
                                        .distinct()
                                        .map(this::listing)
                                        .toList()));
            }
            default -> mapper.createObjectNode();
        };
    }

    private TableListing listing(TableRef table) {
        LiveTable empty = LiveTable.empty(table);
        return TableListing.present(
                table,
                true,
                new LiveTable(
                        empty.family(),
                        empty.name(),
                        List.of(),
                        "after " + applies + " applies",
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of()),
                "");
    }
}
