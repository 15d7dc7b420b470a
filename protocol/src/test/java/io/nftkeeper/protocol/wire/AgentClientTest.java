package io.nftkeeper.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentClientTest {

    private final PipedOutputStream agentStdout = new PipedOutputStream();
    private final PipedInputStream agentStdin = new PipedInputStream(1 << 16);
    private final List<AgentClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(AgentClient::close);
    }

    @Test
    void concurrentCallsEachGetTheirOwnAnswerEvenWhenAnsweredOutOfOrder() throws Exception {
        AgentClient client = connect(Duration.ofSeconds(10));
        int calls = 8;
        Thread agent = fakeAgent(calls, requests -> {
            Collections.reverse(requests);
            for (Request request : requests) {
                String script = "# answer to "
                        + request.params()
                                .get("transaction")
                                .get("commands")
                                .get(0)
                                .get("object")
                                .get("name")
                                .asText();
                reply(Response.success(request.id(), JsonLines.mapper().valueToTree(new ApplyResult(script))));
            }
        });
        ExecutorService callers = Executors.newFixedThreadPool(calls);
        try {
            List<Future<ApplyResult>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                Transaction tx = Transaction.builder()
                        .add(new Table(Family.INET, "t" + i))
                        .build();
                results.add(callers.submit(() -> client.apply(tx)));
            }
            for (int i = 0; i < calls; i++) {
                assertThat(results.get(i).get().script()).isEqualTo("# answer to t" + i);
            }
        } finally {
            callers.shutdownNow();
            agent.join(5000);
        }
    }

    @Test
    void anErrorResponseBecomesAnAgentExceptionWithCodeObjectAndMessage() throws Exception {
        AgentClient client = connect(Duration.ofSeconds(10));
        fakeAgent(
                1,
                requests -> reply(Response.failure(
                        requests.get(0).id(),
                        new ErrorBody(ErrorCode.NOT_FOUND, "table inet web", "table inet web does not exist"))));

        assertThatThrownBy(() -> client.adopt(new TableRef(Family.INET, "web")))
                .asInstanceOf(type(AgentException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.object()).isEqualTo("table inet web");
                    assertThat(e.getMessage()).isEqualTo("table inet web does not exist");
                });
    }

    @Test
    void aClosedStreamFailsWaitingAndLaterCallsWithUnavailable() throws Exception {
        AgentClient client = connect(Duration.ofSeconds(10));
        fakeAgent(1, requests -> agentStdout.close());

        assertThatThrownBy(() -> client.hello("test"))
                .asInstanceOf(type(AgentException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("the agent connection closed");
                });
        assertThatThrownBy(() -> client.list(List.of()))
                .asInstanceOf(type(AgentException.class))
                .extracting(AgentException::code)
                .isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void anUnansweredCallTimesOutWithUnavailable() throws Exception {
        AgentClient client = connect(Duration.ofMillis(200));

        assertThatThrownBy(() -> client.hello("test"))
                .asInstanceOf(type(AgentException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("the agent did not answer hello within 200 ms");
                });
    }

    @Test
    void helloSendsTheProtocolVersionAndReadsTheAgentsAnswer() throws Exception {
        AgentClient client = connect(Duration.ofSeconds(10));
        List<Request> seen = Collections.synchronizedList(new ArrayList<>());
        fakeAgent(1, requests -> {
            seen.addAll(requests);
            reply(Response.success(
                    requests.get(0).id(), JsonLines.mapper().valueToTree(new HelloResult(1, "0.1.0", "1.0.6", "h"))));
        });

        HelloResult hello = client.hello("nftkeeper-provider/0.1.0");

        assertThat(hello).isEqualTo(new HelloResult(1, "0.1.0", "1.0.6", "h"));
        assertThat(seen.get(0).method()).isEqualTo("hello");
        assertThat(seen.get(0).params())
                .isEqualTo(JsonLines.mapper()
                        .createObjectNode()
                        .put("protocolVersion", 1)
                        .put("client", "nftkeeper-provider/0.1.0"));
    }

    @Test
    void garbageOnTheAgentsStdoutFailsTheCallWithUnavailable() throws Exception {
        AgentClient client = connect(Duration.ofSeconds(10));
        fakeAgent(1, requests -> {
            agentStdout.write("Picked up JAVA_TOOL_OPTIONS: -Xmx1g\n".getBytes());
            agentStdout.flush();
        });

        assertThatThrownBy(() -> client.hello("test"))
                .asInstanceOf(type(AgentException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("not a protocol message: Picked up JAVA_TOOL_OPTIONS");
                });
    }

    @Test
    void checkDriftAndApplyWithALockTimeoutSendTheirMethodsAndParams() throws Exception {
        AgentClient client = connect(Duration.ofSeconds(10));
        List<Request> seen = Collections.synchronizedList(new ArrayList<>());
        fakeAgent(1, requests -> {
            seen.addAll(requests);
            reply(Response.success(requests.get(0).id(), JsonLines.mapper().valueToTree(CheckResult.passed())));
        });
        Transaction tx =
                Transaction.builder().add(new Table(Family.INET, "web")).build();

        assertThat(client.check(tx).ok()).isTrue();
        assertThat(seen.get(0).method()).isEqualTo("check");
        assertThat(seen.get(0).params().toString())
                .isEqualTo("{\"transaction\":{\"commands\":[{\"verb\":\"add\","
                        + "\"object\":{\"kind\":\"table\",\"family\":\"inet\",\"name\":\"web\"}}]}}");

        fakeAgent(1, requests -> {
            seen.addAll(requests);
            reply(Response.success(
                    requests.get(0).id(),
                    JsonLines.mapper()
                            .valueToTree(new DriftResult(
                                    List.of(new TableDrift(Family.INET, "web", TableDrift.Status.CLEAN, List.of()))))));
        });
        assertThat(client.drift(List.of()).drifted()).isFalse();
        assertThat(seen.get(1).method()).isEqualTo("drift");
        assertThat(seen.get(1).params().toString()).isEqualTo("{\"tables\":[]}");

        fakeAgent(1, requests -> {
            seen.addAll(requests);
            reply(Response.success(requests.get(0).id(), JsonLines.mapper().valueToTree(new ApplyResult("s"))));
        });
        client.apply(tx, Duration.ofSeconds(2));
        assertThat(seen.get(2).params().get("lockTimeoutMs").asLong()).isEqualTo(2000L);
    }

    @Test
    void aRequestIsOneLineWithIdAndMethodBeforeParamsSoTheAgentReadsItInOnePass() throws Exception {
        AgentClient client = connect(Duration.ofSeconds(10));
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread agent = new Thread(
                () -> {
                    try {
                        String line = JsonLines.reader(agentStdin).readLine();
                        lines.add(line);
                        reply(Response.success(
                                1, JsonLines.mapper().valueToTree(new ApplyResult("add table inet web\n"))));
                        Thread.sleep(2000);
                    } catch (IOException | InterruptedException e) {
                        // the assertions below report what went wrong
                    }
                },
                "fake-agent");
        agent.setDaemon(true);
        agent.start();

        ApplyResult result = client.apply(
                Transaction.builder().add(new Table(Family.INET, "web")).build(), Duration.ofSeconds(3), "tx-1");

        assertThat(result.script()).isEqualTo("add table inet web\n");
        assertThat(lines)
                .containsExactly("{\"id\":1,\"method\":\"apply\",\"params\":{\"transaction\":{\"commands\":"
                        + "[{\"verb\":\"add\",\"object\":{\"kind\":\"table\",\"family\":\"inet\",\"name\":\"web\"}}]},"
                        + "\"lockTimeoutMs\":3000,\"txId\":\"tx-1\"}}");
    }

    private AgentClient connect(Duration timeout) throws IOException {
        PipedInputStream fromAgent = new PipedInputStream(agentStdout, 1 << 16);
        OutputStream toAgent = new PipedOutputStream(agentStdin);
        AgentClient client = new AgentClient(fromAgent, toAgent, timeout);
        clients.add(client);
        return client;
    }

    private interface Script {
        void answer(List<Request> requests) throws IOException;
    }

    /** Reads {@code count} requests, then lets {@code script} answer them all. */
    private Thread fakeAgent(int count, Script script) {
        Thread agent = new Thread(
                () -> {
                    try {
                        BufferedReader lines = JsonLines.reader(agentStdin);
                        List<Request> requests = new ArrayList<>();
                        while (requests.size() < count) {
                            requests.add(JsonLines.mapper().readValue(lines.readLine(), Request.class));
                        }
                        script.answer(requests);
                        // keep the pipe's writer thread alive until the client is done reading
                        Thread.sleep(2000);
                    } catch (IOException | InterruptedException e) {
                        // the test's assertions report what went wrong
                    }
                },
                "fake-agent");
        agent.setDaemon(true);
        agent.start();
        return agent;
    }

    private void reply(Response response) throws IOException {
        JsonLines.writeLine(agentStdout, response);
    }

    @Test
    void aResponseLineOverTheLimitEndsTheConnectionInsteadOfFillingTheHeap() throws Exception {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        java.io.InputStream in = new java.io.ByteArrayInputStream(
                ("{}\n" + "z".repeat(5_000) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(AgentClient.readLine(in, line, 4_096)).isTrue();
        line.reset();
        assertThatThrownBy(() -> AgentClient.readLine(in, line, 4_096))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("the agent sent a message longer than 4096 bytes");
        assertThat(line.size()).isEqualTo(4_096);
    }
}
