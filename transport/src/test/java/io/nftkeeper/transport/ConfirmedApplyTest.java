package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.protocol.BaseChain;
import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.ChainPolicy;
import io.nftkeeper.protocol.ChainType;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Hook;
import io.nftkeeper.protocol.Priority;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentClient;
import io.nftkeeper.protocol.wire.ApplyResult;
import io.nftkeeper.protocol.wire.ErrorBody;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.JsonLines;
import io.nftkeeper.protocol.wire.Request;
import io.nftkeeper.protocol.wire.Response;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.protocol.wire.TxStatusResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Lockout protection: a change counts only once a new connection confirmed it; otherwise the rollback is reported. */
class ConfirmedApplyTest {

    private static final ObjectMapper MAPPER = JsonLines.mapper();
    private static final String SCRIPT = "add table inet web\n";
    private static final Transaction CHANGE =
            Transaction.builder().add(new Table(Family.INET, "web")).build();
    private static final AgentTarget TARGET = new AgentTarget(
            SshTarget.pinned(
                    "10.0.0.5", 22, "root", new Secret("key"), "SHA256:Kusymmc2GZgiACSFZdD3lsH5E/eqRN31YXN/nA9B1ZE"),
            AgentLaunch.defaults(),
            LockoutProtection.confirmWithin(LockoutProtection.MIN_CONFIRM_TIMEOUT));

    private final Deque<Function<AgentTarget, AgentLink>> connections = new ArrayDeque<>();
    private final AgentConnections pool = new AgentConnections(
            TransportSettings.defaults().withConnectAttempts(1),
            target -> connections.removeFirst().apply(target));

    @Test
    void theChangeIsAppliedProvisionallyOverThePooledConnectionAndConfirmedOverANewOne() {
        ScriptedAgent pooled = new ScriptedAgent(request -> ok(request, new ApplyResult(SCRIPT, false)));
        ScriptedAgent fresh = new ScriptedAgent(request -> ok(request, MAPPER.createObjectNode()));
        connections.add(target -> pooled);
        connections.add(target -> fresh);

        ApplyResult result = pool.agent(TARGET).apply(CHANGE, Duration.ofSeconds(30));

        assertThat(result.script()).isEqualTo(SCRIPT);
        assertThat(pooled.methods).containsExactly("apply");
        assertThat(pooled.requests.get(0).params().get("confirmTimeoutSeconds").asLong())
                .isEqualTo(5);
        assertThat(fresh.methods).containsExactly("confirm");
        assertThat(fresh.requests.get(0).params().get("txId").asText())
                .isEqualTo(pooled.requests.get(0).params().get("txId").asText());
        assertThat(fresh.alive).as("the confirming connection is closed again").isFalse();
        assertThat(pooled.alive).as("the pooled connection stays").isTrue();
    }

    @Test
    void aConfirmedChangesReadBackAnswersTheNextReadWithoutAnotherCall() {
        TableRef web = new TableRef(Family.INET, "web");
        TableListing afterChange = TableListing.absent(web, true);
        ScriptedAgent pooled = new ScriptedAgent(
                request -> ok(request, new ApplyResult(SCRIPT, false).withTables(List.of(afterChange))));
        ScriptedAgent fresh = new ScriptedAgent(request -> ok(request, MAPPER.createObjectNode()));
        connections.add(target -> pooled);
        connections.add(target -> fresh);
        HostAgent agent = pool.agent(TARGET);

        agent.apply(CHANGE, Duration.ofSeconds(30));

        assertThat(pooled.requests.get(0).params().get("readBack").asBoolean()).isTrue();
        assertThat(agent.list(List.of(web)).tables()).containsExactly(afterChange);
        assertThat(pooled.methods).as("the read-back served the read").containsExactly("apply");
    }

    /** A literal-ID destroy may delete the table first: a protected child's delete then has nothing to do. */
    @Test
    void aChangeTheAgentHadNothingToDoForIsNotConfirmed() {
        ScriptedAgent pooled = new ScriptedAgent(request -> ok(request, new ApplyResult("")));
        ScriptedAgent fresh = new ScriptedAgent(request -> ok(request, MAPPER.createObjectNode()));
        connections.add(target -> pooled);
        connections.add(target -> fresh);

        ApplyResult result = pool.agent(TARGET).apply(CHANGE, Duration.ofSeconds(30));

        assertThat(result.script()).isEmpty();
        assertThat(pooled.methods).containsExactly("apply");
        assertThat(connections).as("no second connection was opened").hasSize(1);
        assertThat(fresh.methods).isEmpty();
    }

    @Test
    void whenNoNewConnectionCanBeMadeNothingIsConfirmedAndTheRollbackIsReported() {
        ScriptedAgent pooled = new ScriptedAgent(request -> ok(request, new ApplyResult(SCRIPT, false)));
        ScriptedAgent afterRollback = new ScriptedAgent(request -> ok(request, new TxStatusResult(true, false, true)));
        connections.add(target -> pooled);
        connections.add(target -> {
            throw new TransportException("cannot connect to 10.0.0.5:22: connection timed out", true, null);
        });
        connections.add(target -> afterRollback);

        assertThatThrownBy(() -> pool.agent(TARGET).apply(CHANGE, Duration.ofSeconds(30)))
                .isInstanceOf(TransportException.class)
                .hasMessage("rolled back: 10.0.0.5 was unreachable over SSH after the change (a new SSH connection "
                        + "failed: cannot connect to 10.0.0.5:22: connection timed out); the previous ruleset was "
                        + "restored");
        assertThat(afterRollback.methods).containsExactly("txStatus");
        assertThat(pooled.alive)
                .as("the pooled connection, perhaps hanging, is dropped")
                .isFalse();
    }

    @Test
    void aChangeWaitingForAnotherChangesConfirmationIsSentAgain() {
        int[] applies = {0};
        ScriptedAgent pooled = new ScriptedAgent(request -> ++applies[0] < 3
                ? Response.failure(
                        request.id(),
                        new ErrorBody(
                                ErrorCode.LOCKED,
                                "table inet web",
                                "table inet web "
                                        + "has an unconfirmed change (transaction x) that will be rolled back at ... unless confirmed"))
                : ok(request, new ApplyResult(SCRIPT, false)));
        ScriptedAgent fresh = new ScriptedAgent(request -> ok(request, MAPPER.createObjectNode()));
        connections.add(target -> pooled);
        connections.add(target -> fresh);

        pool.agent(TARGET).apply(CHANGE, Duration.ofSeconds(30));

        assertThat(pooled.methods).containsExactly("apply", "apply", "apply");
        assertThat(fresh.methods).containsExactly("confirm");
    }

    @Test
    void byDefaultOnlyAChangeToAChainSshPassesIsConfirmed() {
        AgentTarget byDefault =
                TARGET.withLockout(LockoutProtection.localTrafficChainsWithin(LockoutProtection.MIN_CONFIRM_TIMEOUT));
        TableRef web = new TableRef(Family.INET, "web");
        ScriptedAgent pooled = new ScriptedAgent(request -> ok(request, new ApplyResult(SCRIPT, false)));
        ScriptedAgent fresh = new ScriptedAgent(request -> ok(request, MAPPER.createObjectNode()));
        connections.add(target -> pooled);
        connections.add(target -> fresh);
        HostAgent agent = pool.agent(byDefault);

        agent.apply(Transaction.builder().add(chain(web, "fwd", Hook.FORWARD)).build(), Duration.ofSeconds(30));
        assertThat(fresh.methods).as("a forward chain: committed at once").isEmpty();
        agent.apply(Transaction.builder().add(chain(web, "in", Hook.INPUT)).build(), Duration.ofSeconds(30));

        assertThat(pooled.methods).containsExactly("apply", "apply");
        assertThat(pooled.requests.get(0).params().path("confirmTimeoutSeconds").asLong(0))
                .isZero();
        assertThat(pooled.requests.get(1).params().get("confirmTimeoutSeconds").asLong())
                .isEqualTo(5);
        assertThat(fresh.methods)
                .as("an input chain: confirmed over a new connection")
                .containsExactly("confirm");
    }

    @Test
    void aChangeNotConfirmedItselfAlsoWaitsForAnotherChangesConfirmation() {
        int[] applies = {0};
        ScriptedAgent pooled = new ScriptedAgent(request -> ++applies[0] < 3
                ? Response.failure(
                        request.id(),
                        new ErrorBody(
                                ErrorCode.LOCKED,
                                "table inet web",
                                "table inet web has an unconfirmed change (transaction x) that will be rolled back "
                                        + "at ... unless confirmed"))
                : ok(request, new ApplyResult(SCRIPT, false)));
        connections.add(target -> pooled);
        HostAgent agent = pool.agent(
                TARGET.withLockout(LockoutProtection.localTrafficChainsWithin(LockoutProtection.MIN_CONFIRM_TIMEOUT)));

        agent.apply(
                Transaction.builder()
                        .add(chain(new TableRef(Family.INET, "web"), "fwd", Hook.FORWARD))
                        .build(),
                Duration.ofSeconds(30));

        assertThat(pooled.methods).containsExactly("apply", "apply", "apply");
    }

    private static Chain chain(TableRef table, String name, Hook hook) {
        return new Chain(table, name, new BaseChain(ChainType.FILTER, hook, Priority.of(0), ChainPolicy.ACCEPT));
    }

    private static Response ok(Request request, Object result) {
        return Response.success(request.id(), MAPPER.valueToTree(result));
    }

    /** An agent over in-memory pipes answering every request with {@code answer}. */
    private static final class ScriptedAgent implements AgentLink {
        final List<String> methods = new CopyOnWriteArrayList<>();
        final List<Request> requests = new CopyOnWriteArrayList<>();
        volatile boolean alive = true;
        private final AgentClient client;

        ScriptedAgent(Function<Request, Response> answer) {
            try {
                Pipe requestPipe = Pipe.open();
                Pipe responsePipe = Pipe.open();
                client = new AgentClient(
                        Channels.newInputStream(responsePipe.source()),
                        Channels.newOutputStream(requestPipe.sink()),
                        Duration.ofSeconds(10));
                Thread agent = new Thread(
                        () -> serve(
                                JsonLines.reader(Channels.newInputStream(requestPipe.source())),
                                Channels.newOutputStream(responsePipe.sink()),
                                answer),
                        "scripted-agent");
                agent.setDaemon(true);
                agent.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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

        private void serve(BufferedReader in, OutputStream out, Function<Request, Response> answer) {
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    Request request = MAPPER.readValue(line, Request.class);
                    methods.add(request.method());
                    requests.add(request);
                    JsonLines.writeLine(out, answer.apply(request));
                }
            } catch (IOException e) {
                alive = false;
            }
        }
    }
}
