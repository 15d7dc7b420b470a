package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A resident provider server serves one Terraform process after another; a pool, once closed, leaves the connections
 * of hosts it did not change for the next pool of the same target, for a while, instead of closing them.
 */
class IdleLinksTest {
    private static final TableRef WEB = new TableRef(Family.INET, "web");
    private static final AgentTarget HOST = new AgentTarget(
            SshTarget.pinned("10.213.0.2", 22, "root", new Secret(TestKeys.PRIVATE_KEY), TestKeys.KEY),
            AgentLaunch.defaults());
    private static final AgentTarget OTHER_USER = new AgentTarget(
            SshTarget.pinned("10.213.0.2", 22, "deploy", new Secret(TestKeys.PRIVATE_KEY), TestKeys.KEY),
            AgentLaunch.defaults());
    private static final Duration KEEP = Duration.ofMinutes(1);

    private final IdleLinks idle = new IdleLinks();
    private final AtomicInteger logins = new AtomicInteger();
    private final List<FakeAgentLink> links = new CopyOnWriteArrayList<>();

    @Test
    void theNextPoolOfTheSameTargetTakesTheConnectionAReadOnlyPoolLeft() {
        AgentConnections plan = pool(KEEP);
        plan.agent(HOST).list(List.of(WEB));
        plan.close();

        AgentConnections apply = pool(KEEP);
        apply.agent(HOST).list(List.of(WEB));
        AgentConnections otherUser = pool(KEEP);
        otherUser.agent(OTHER_USER).list(List.of(WEB));

        assertThat(logins)
                .as("one login for the two pools of HOST, one for the other user")
                .hasValue(2);
        apply.close();
        otherUser.close();
    }

    @Test
    void aPoolThatChangedTheHostClosesItsConnectionSoTheNextCommandLogsInAnew() {
        AgentConnections apply = pool(KEEP);
        apply.agent(HOST).apply(Transaction.builder().add(Table.of(WEB)).build());
        apply.close();

        AgentConnections nextPlan = pool(KEEP);
        nextPlan.agent(HOST).list(List.of(WEB));

        assertThat(logins).hasValue(2);
        nextPlan.close();
    }

    @Test
    void aConnectionIsKeptOnlyForItsTimeAndOnlyWhileItLives() throws Exception {
        AgentConnections first = pool(Duration.ofMillis(100));
        first.agent(HOST).list(List.of(WEB));
        first.close();
        Thread.sleep(500);

        AgentConnections later = pool(KEEP);
        later.agent(HOST).list(List.of(WEB));
        assertThat(logins).as("the kept one was closed after 100 ms").hasValue(2);

        later.close();
        links.get(links.size() - 1).close(); // the kept connection dies (the agent was killed): not handed out
        AgentConnections afterDeath = pool(KEEP);
        afterDeath.agent(HOST).list(List.of(WEB));
        assertThat(logins).hasValue(3);
        afterDeath.close();
    }

    @Test
    void withoutATimeToKeepThemAPoolClosesItsConnections() {
        AgentConnections plan = pool(Duration.ZERO);
        plan.agent(HOST).list(List.of(WEB));
        plan.close();

        assertThat(idle.take(HOST)).isEmpty();
    }

    private AgentConnections pool(Duration keep) {
        return new AgentConnections(
                TransportSettings.defaults(),
                target -> {
                    logins.incrementAndGet();
                    FakeAgentLink link = new FakeAgentLink(true);
                    links.add(link);
                    return link;
                },
                idle,
                keep);
    }
}
