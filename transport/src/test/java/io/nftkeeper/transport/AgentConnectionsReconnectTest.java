package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connection lost while the agent starts (FaultInjectionIT: the SSH connection or the agent killed during its
 * start) is a transient failure: the pool starts the agent again, and every call waiting for that start gets the
 * new agent instead of the lost start's error. A start that fails for good fails every waiting call at once.
 */
class AgentConnectionsReconnectTest {

    private static final TableRef WEB = new TableRef(Family.INET, "web");
    private static final AgentTarget HOST = new AgentTarget(
            SshTarget.pinned("10.213.0.2", 22, "root", new Secret(TestKeys.PRIVATE_KEY), TestKeys.KEY),
            AgentLaunch.defaults());
    private static final TransportSettings QUICK_RETRY = new TransportSettings(
            Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10), 3, Duration.ofMillis(10), "test");

    private final ExecutorService terraform = Executors.newFixedThreadPool(3);
    private final AtomicInteger starts = new AtomicInteger();
    private AgentConnections connections;

    @AfterEach
    void stop() {
        terraform.shutdownNow();
        connections.close();
    }

    @Test
    void threeCallsWaitingForAStartWhoseConnectionWasLostAllGetTheAgentStartedAgain() throws Exception {
        FakeAgentLink agent = new FakeAgentLink(true);
        connections = new AgentConnections(QUICK_RETRY, target -> {
            if (starts.incrementAndGet() == 1) {
                sleep(200); // the other calls queue behind this start
                throw new TransportException(
                        "the connection to the agent on 10.213.0.2 was lost while the agent "
                                + "started (the agent connection closed (during hello))",
                        true,
                        null);
            }
            return agent;
        });

        List<Future<?>> calls = new ArrayList<>();
        calls.add(terraform.submit(() -> connections
                .agent(HOST)
                .apply(Transaction.builder().add(Table.of(WEB)).build())));
        calls.add(terraform.submit(() -> connections.agent(HOST).list(List.of(WEB))));
        calls.add(terraform.submit(() -> connections.agent(HOST).adopt(WEB)));
        for (Future<?> call : calls) {
            call.get(10, TimeUnit.SECONDS);
        }

        assertThat(starts).hasValue(2);
        assertThat(agent.received("apply")).isEqualTo(1);
    }

    @Test
    void anAgentThatFailsToStartFailsTheCallAtOnceWithoutASecondStart() {
        connections = new AgentConnections(QUICK_RETRY, target -> {
            starts.incrementAndGet();
            throw new TransportException("the agent on 10.213.0.2 did not start: the agent connection closed "
                    + "(during hello); its stderr ends with:\n  Error: Unable to access jarfile agent.jar");
        });

        assertThatThrownBy(() -> connections.agent(HOST).list(List.of(WEB))).hasMessageContaining("did not start");
        assertThat(starts).hasValue(1);
    }

    @Test
    void aRefusedHostKeyIsNeverTriedAgainNeitherByTheRetryNorByLaterCalls() {
        connections = new AgentConnections(QUICK_RETRY, target -> {
            starts.incrementAndGet();
            throw TransportException.hostKeyRefused(
                    "host key verification failed for 10.213.0.2:22: expected " + TestKeys.KEY_FINGERPRINT
                            + ", the server presented " + TestKeys.OTHER_FINGERPRINT,
                    null);
        });

        for (int call = 0; call < 3; call++) {
            assertThatThrownBy(() -> connections.agent(HOST).list(List.of(WEB)))
                    .hasMessageStartingWith("host key verification failed for 10.213.0.2:22")
                    .hasMessageNotContaining("tried");
        }
        assertThat(starts).hasValue(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
