package io.nftkeeper.provider;

import io.nftkeeper.transport.AgentLaunch;
import io.nftkeeper.transport.AgentTarget;
import io.nftkeeper.transport.Credentials;
import io.nftkeeper.transport.HostKeyPolicy;
import io.nftkeeper.transport.LockoutProtection;
import io.nftkeeper.transport.SshTarget;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider block, parsed: the default host and how to reach any host (login, credentials, host key
 * verification, bastion, agent launch) and whether applies are commit-confirmed. A resource's own {@code host} uses
 * all of it with another address, changed by that host's entry in {@code host_overrides} if it has one.
 */
public record ConnectionConfig(
        Optional<String> defaultHost,
        int port,
        String user,
        Credentials credentials,
        HostKeyPolicy hostKeys,
        Optional<SshTarget> bastion,
        AgentLaunch launch,
        Map<String, HostOverride> overrides,
        LockoutProtection lockout) {

    public ConnectionConfig {
        Objects.requireNonNull(defaultHost, "defaultHost");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(hostKeys, "hostKeys");
        Objects.requireNonNull(bastion, "bastion");
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(lockout, "lockout");
        overrides = Map.copyOf(overrides);
    }

    /** Where and how the agent of {@code host} is reached. */
    public AgentTarget targetFor(String host) {
        HostOverride override = overrides.getOrDefault(host, HostOverride.NONE);
        AgentLaunch hostLaunch = new AgentLaunch(
                override.agentJava().orElse(launch.java()),
                override.agentDir().orElse(launch.directory()),
                override.sudo().orElse(launch.sudo()),
                override.agentRuntime().orElse(launch.runtime()),
                launch.idleTimeout());
        return new AgentTarget(
                new SshTarget(
                        host,
                        override.port().orElse(port),
                        override.user().orElse(user),
                        override.credentials().orElse(credentials),
                        override.hostKeys().orElse(hostKeys),
                        override.bastion().or(() -> bastion)),
                hostLaunch,
                lockout);
    }
}
