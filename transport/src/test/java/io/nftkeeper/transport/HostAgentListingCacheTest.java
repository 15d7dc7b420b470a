package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.ListResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A refresh reads each table of a host once over the wire, and never a listing older than our own last change. */
class HostAgentListingCacheTest {

    private static final TableRef WEB = new TableRef(Family.INET, "web");
    private static final AgentTarget HOST = target("10.213.0.2");

    private final ExecutorService terraform = Executors.newFixedThreadPool(10);
    private FakeAgentLink agent;
    private AgentConnections connections;

    @AfterEach
    void stop() {
        terraform.shutdownNow();
        connections.close();
    }

    @Test
    void tenResourcesRefreshingAtOnceCostOneAgentList() throws Exception {
        connect(false);
        CountDownLatch started = new CountDownLatch(10);
        List<Future<ListResult>> reads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            reads.add(terraform.submit(() -> {
                started.countDown();
                return connections.agent(HOST).list(List.of(WEB));
            }));
        }
        started.await(5, TimeUnit.SECONDS);
        Thread.sleep(200); // let every read reach the agent or queue behind the one that did
        agent.openLists();

        for (Future<ListResult> read : reads) {
            assertThat(read.get(10, TimeUnit.SECONDS).tables().get(0).exists()).isTrue();
        }
        assertThat(agent.received("list")).isEqualTo(1);
    }

    @Test
    void anApplyMakesTheNextListingFreshFromItsReadBack() {
        connect(true);
        HostAgent host = connections.agent(HOST);
        host.list(List.of(WEB));
        host.list(List.of(WEB));
        assertThat(agent.received("list")).isEqualTo(1);

        connections.agent(HOST).apply(Transaction.builder().add(Table.of(WEB)).build());

        assertThat(host.list(List.of(WEB)).tables().get(0).live().comment()).isEqualTo("after 1 applies");
        assertThat(agent.listsOfTables()).isEqualTo(1);
    }

    @Test
    void aCreateListsTheTableOnlyOnceAndTheNextCreateInTheTableNever() {
        connect(true);
        HostAgent host = connections.agent(HOST);
        // a resource's create: the table as it is, the apply, the table right after (formerly list + apply + list)
        host.list(List.of(WEB));
        host.apply(Transaction.builder().add(Chain.regular(WEB, "input")).build());
        host.list(List.of(WEB));
        assertThat(agent.listsOfTables()).isEqualTo(1);
        assertThat(agent.received("apply")).isEqualTo(1);

        host.list(List.of(WEB));
        host.apply(Transaction.builder().add(Chain.regular(WEB, "output")).build());
        assertThat(host.list(List.of(WEB)).tables().get(0).live().comment()).isEqualTo("after 2 applies");

        assertThat(agent.listsOfTables()).isEqualTo(1);
        assertThat(agent.received("apply")).isEqualTo(2);
        // after each unprotected apply, one empty list shows that SSH still answers (see LockedOutTest)
        assertThat(agent.received("list")).isEqualTo(3);
    }

    @Test
    void aDeleteIsNotReadBackAndTheNextListingIsFetched() {
        connect(true);
        HostAgent host = connections.agent(HOST);
        host.list(List.of(WEB));
        host.apply(Transaction.builder().delete(Chain.regular(WEB, "input")).build());

        host.list(List.of(WEB));

        assertThat(agent.listsOfTables()).isEqualTo(2);
    }

    @Test
    void anAdoptMakesTheNextListingFresh() {
        connect(true);
        connections.agent(HOST).list(List.of(WEB));
        connections.agent(HOST).adopt(WEB);
        connections.agent(HOST).list(List.of(WEB));

        assertThat(agent.received("list")).isEqualTo(2);
    }

    @Test
    void anotherHostKeepsItsListings() {
        connect(true);
        AgentTarget other = target("10.213.0.3");
        connections.agent(other).list(List.of(WEB));
        connections.agent(HOST).apply(Transaction.builder().add(Table.of(WEB)).build());
        connections.agent(other).list(List.of(WEB));

        assertThat(agent.received("list")).isEqualTo(1);
    }

    @Test
    void aNewTerraformCommandReadsTheHostAgain() {
        connect(true);
        connections.agent(HOST).list(List.of(WEB));
        connections.forgetListings();
        connections.agent(HOST).list(List.of(WEB));

        assertThat(agent.received("list")).isEqualTo(2);
    }

    /** One fake agent answers for every host: the pool's connections all lead to it. */
    private void connect(boolean listsOpenAtOnce) {
        agent = new FakeAgentLink(listsOpenAtOnce);
        connections = new AgentConnections(TransportSettings.defaults(), target -> agent);
    }

    private static AgentTarget target(String host) {
        return new AgentTarget(
                SshTarget.pinned(host, 22, "root", new Secret(TestKeys.PRIVATE_KEY), TestKeys.KEY),
                AgentLaunch.defaults());
    }
}
