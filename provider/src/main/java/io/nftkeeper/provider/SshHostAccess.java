package io.nftkeeper.provider;

import io.nftkeeper.provider.resources.PlannedObjects;
import io.nftkeeper.provider.resources.TableOwners;
import io.nftkeeper.transport.AgentConnections;
import io.nftkeeper.transport.HostAgent;
import java.util.Optional;

/**
 * {@link HostAccess} over SSH: the agents of any host, reached with the provider's connection settings through the
 * connections shared by the run. One is made per ConfigureProvider, i.e. per Terraform command: making it forgets
 * the table listings cached by an earlier command (a reattached provider serves many), so each command's refresh
 * reads every host afresh.
 */
public final class SshHostAccess implements HostAccess {
    private final ConnectionConfig config;
    private final AgentConnections connections;
    private final PlannedObjects planned = new PlannedObjects();
    private final TableOwners owners = new TableOwners();

    public SshHostAccess(ConnectionConfig config, AgentConnections connections) {
        this.config = config;
        this.connections = connections;
        connections.forgetListings();
    }

    @Override
    public Optional<String> defaultHost() {
        return config.defaultHost();
    }

    /** The agent on {@code host}, connected on first use and shared by every resource of this run. */
    @Override
    public HostAgent agent(String host) {
        return connections.agent(config.targetFor(host));
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
