package io.nftkeeper.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.wire.AgentClient;
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
 * table as present, accepts every apply and adopt. Its answers to {@code list} wait until {@link #openLists()}.
 */
final class FakeAgentLink implements AgentLink {

    private final ObjectMapper mapper = JsonLines.mapper();
    private final List<String> methods = new CopyOnWriteArrayList<>();
    private final CountDownLatch listsOpen = new CountDownLatch(1);
    private final AgentClient client;
    private final Thread agent;
    private volatile boolean alive = true;

    FakeAgentLink(boolean listsOpenAtOnce) {
        try {
            Pipe requests = Pipe.open();
            Pipe responses = Pipe.open();
            client = new AgentClient(Channels.newInputStream(responses.source()),
                    Channels.newOutputStream(requests.sink()), Duration.ofSeconds(10));
            agent = new Thread(() -> serve(JsonLines.reader(Channels.newInputStream(requests.source())),
                    Channels.newOutputStream(responses.sink())), "fake-agent");
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
                yield mapper.valueToTree(new ListResult(params.tables().stream()
                        .map(table -> TableListing.present(table, true, LiveTable.empty(table), ""))
                        .toList()));
            }
            case "apply" -> mapper.valueToTree(new ApplyResult("", false));
            default -> mapper.createObjectNode();
        };
    }
}
