package io.nftkeeper.provider;

import io.nftkeeper.provider.resources.PlannedObjects;
import io.nftkeeper.provider.resources.TableOwners;
import io.nftkeeper.transport.AgentConnections;
import io.nftkeeper.transport.HostAgent;

import java.util.Optional;

/**
 * What resources receive from the configured provider: the host they manage unless they name their own, and the
 * agents of any host, reached with the provider's connection settings through the connections shared by the run.
 * One is made per ConfigureProvider, i.e. per Terraform command: making it forgets the table listings cached by
 * an earlier command (a reattached provider serves many), so each command's refresh reads every host afresh.
 */
public final class HostAccess {
    private final ConnectionConfig config;
    private final AgentConnections connections;
    private final PlannedObjects planned = new PlannedObjects();
    private final TableOwners owners = new TableOwners();

    public HostAccess(ConnectionConfig config, AgentConnections connections) {
        this.config = config;
        this.connections = connections;
        connections.forgetListings();
    }

    /** The provider's {@code host}, which resources without their own {@code host} manage. */
    public Optional<String> defaultHost() {
        return config.defaultHost();
    }

    /** The resource's own host if it names one, else the provider's; empty when neither is set. */
    public Optional<String> resolve(String resourceHost) {
        return resourceHost != null ? Optional.of(resourceHost) : defaultHost();
    }

    /** The agent on {@code host}, connected on first use and shared by every resource of this run. */
    public HostAgent agent(String host) {
        return connections.agent(config.targetFor(host));
    }

    /**
     * The tables and objects resources have planned in this command (Terraform plans every resource in this
     * process), which chains' dry runs declare before their rules.
     */
    public PlannedObjects planned() {
        return planned;
    }

    /** The owner IDs of this configuration's tables, which writes into them run for. */
    public TableOwners owners() {
        return owners;
    }

    /** Why a resource has no host to manage; said the same way everywhere. */
    public static String noHostDetail() {
        return "Set `host` on this resource or in the provider \"nftables\" block.";
    }
}
