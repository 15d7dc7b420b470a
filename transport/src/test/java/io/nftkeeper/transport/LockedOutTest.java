package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A host that stops answering SSH after an unprotected commit is reported as maybe locked out, not as a timeout. */
class LockedOutTest {

    private static final TableRef FILTER = new TableRef(Family.INET, "filter");
    private static final AgentTarget HOST = new AgentTarget(
            SshTarget.pinned("10.213.0.2", 22, "root", new Secret(TestKeys.PRIVATE_KEY), TestKeys.KEY),
            AgentLaunch.defaults());
    private static final TransportSettings QUICK = new TransportSettings(
            Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10), 1, Duration.ofMillis(10), "test");
    private static final String NO_ANSWER = "cannot reach 10.213.0.2:22: no answer within 15 s";

    private final AtomicInteger starts = new AtomicInteger();
    private AgentConnections connections;

    @AfterEach
    void stop() {
        connections.close();
    }

    @Test
    void aCallAfterACommittedChangeThatFindsNoSshSaysTheHostMayBeLockedOut() {
        FakeAgentLink agent = new FakeAgentLink(true);
        connections = onlyTheFirstLoginAnswers(agent);
        connections
                .agent(HOST)
                .apply(Transaction.builder()
                        .add(new Rule(FILTER, "input", "tcp dport 22 drop"))
                        .build());
        agent.close(); // the change cut SSH: the pooled connection is gone, and no new login answers

        assertThatThrownBy(() -> connections.agent(HOST).list(List.of(FILTER)))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("the change to chain input (table inet filter) was committed on 10.213.0.2 "
                        + "and SSH has not answered since (" + NO_ANSWER + "): the host may be locked out.")
                .hasMessageContaining("From the host's console");
    }

    /** The first login reaches {@code agent}; every later one finds no SSH. */
    private AgentConnections onlyTheFirstLoginAnswers(FakeAgentLink agent) {
        return new AgentConnections(QUICK, target -> {
            if (starts.incrementAndGet() == 1) {
                return agent;
            }
            throw new TransportException(NO_ANSWER);
        });
    }

    @Test
    void withoutACommittedChangeAnUnreachableHostIsJustUnreachable() {
        connections = new AgentConnections(QUICK, target -> {
            throw new TransportException(NO_ANSWER);
        });

        assertThatThrownBy(() -> connections.agent(HOST).list(List.of(FILTER))).hasMessage(NO_ANSWER);
    }

    @Test
    void aHostThatAnsweredAgainIsNoLongerSuspected() {
        FakeAgentLink agent = new FakeAgentLink(true);
        connections = onlyTheFirstLoginAnswers(agent);
        connections
                .agent(HOST)
                .apply(Transaction.builder()
                        .add(new Chain(FILTER, "input", null))
                        .build());
        connections.agent(HOST).list(List.of(FILTER));
        agent.close();

        assertThatThrownBy(() -> connections.agent(HOST).hello("test")).hasMessage(NO_ANSWER);
    }
}
