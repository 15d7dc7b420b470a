package io.nftkeeper.provider;

import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.fake.FakeAgent;
import io.nftkeeper.protocol.wire.AdoptParams;
import io.nftkeeper.protocol.wire.ApplyResult;
import io.nftkeeper.protocol.wire.CheckResult;
import io.nftkeeper.protocol.wire.ElementsParams;
import io.nftkeeper.protocol.wire.ElementsResult;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.ListResult;
import io.nftkeeper.provider.resources.PlannedObjects;
import io.nftkeeper.provider.resources.TableOwners;
import io.nftkeeper.transport.AgentCalls;
import java.util.List;
import java.util.Optional;

/**
 * {@link HostAccess} for resource unit tests: every host's agent is one {@link FakeAgent}, without SSH and without
 * listing cache (each list reads the fake afresh, as the cache would after every change through it).
 */
public final class FakeHosts implements HostAccess {

    public static final String HOST = "web1";

    private final FakeAgent agent;
    private final Optional<String> defaultHost;
    private final PlannedObjects planned = new PlannedObjects();
    private final TableOwners owners = new TableOwners();

    /** The provider's {@code host} is {@link #HOST}. */
    public FakeHosts(FakeAgent agent) {
        this(agent, Optional.of(HOST));
    }

    public FakeHosts(FakeAgent agent, Optional<String> defaultHost) {
        this.agent = agent;
        this.defaultHost = defaultHost;
    }

    @Override
    public Optional<String> defaultHost() {
        return defaultHost;
    }

    @Override
    public AgentCalls agent(String host) {
        return new AgentCalls() {
            @Override
            public String host() {
                return host;
            }

            @Override
            public ListResult list(List<TableRef> tables) {
                return agent.list(new ListParams(tables));
            }

            @Override
            public ListResult listAfresh(ListParams params) {
                return agent.list(params);
            }

            @Override
            public CheckResult check(Transaction transaction, List<TableRef> adopting) {
                return agent.check(transaction, adopting);
            }

            @Override
            public ElementsResult elements(ElementsParams params) {
                return agent.elements(params);
            }

            @Override
            public void adopt(AdoptParams params) {
                agent.adopt(params);
            }

            @Override
            public ApplyResult apply(Transaction transaction) {
                return agent.apply(transaction);
            }
        };
    }

    @Override
    public PlannedObjects planned() {
        return planned;
    }

    @Override
    public TableOwners owners() {
        return owners;
    }
}
