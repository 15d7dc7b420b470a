package io.nftkeeper.provider;

import io.nftkeeper.protocol.wire.AgentClient;
import io.nftkeeper.provider.transport.AgentConnections;
import io.nftkeeper.provider.transport.SshTarget;

/** What resources receive from the configured provider: the host they manage and the shared agent connections. */
public record HostAccess(SshTarget target, AgentConnections connections) {

    /** The agent on the host, connected on first use and shared by every resource of this run. */
    public AgentClient agent() {
        return connections.agentFor(target);
    }

    public String host() {
        return target.host();
    }
}
