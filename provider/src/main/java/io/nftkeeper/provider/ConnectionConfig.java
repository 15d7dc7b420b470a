package io.nftkeeper.provider;

import io.nftkeeper.provider.transport.AgentLaunch;
import io.nftkeeper.provider.transport.AgentTarget;
import io.nftkeeper.provider.transport.Credentials;
import io.nftkeeper.provider.transport.HostKeyPolicy;
import io.nftkeeper.provider.transport.SshTarget;

import java.util.Objects;
import java.util.Optional;

/**
 * The provider block, parsed: the default host and how to reach any host (login, credentials, host key
 * verification, bastion, agent launch). A resource's own {@code host} uses all of it with another address.
 */
public record ConnectionConfig(Optional<String> defaultHost, int port, String user, Credentials credentials,
                               HostKeyPolicy hostKeys, Optional<SshTarget> bastion, AgentLaunch launch) {

    public ConnectionConfig {
        Objects.requireNonNull(defaultHost, "defaultHost");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(hostKeys, "hostKeys");
        Objects.requireNonNull(bastion, "bastion");
        Objects.requireNonNull(launch, "launch");
    }

    /** Where and how the agent of {@code host} is reached. */
    public AgentTarget targetFor(String host) {
        return new AgentTarget(new SshTarget(host, port, user, credentials, hostKeys, bastion), launch);
    }
}
