package io.nftkeeper.provider;

import io.nftkeeper.transport.AgentRuntimeChoice;
import io.nftkeeper.transport.Credentials;
import io.nftkeeper.transport.HostKeyPolicy;
import io.nftkeeper.transport.SshTarget;
import java.util.Optional;

/** What one entry of {@code host_overrides} changes for its host; every empty part keeps the provider's setting. */
public record HostOverride(
        Optional<Integer> port,
        Optional<String> user,
        Optional<HostKeyPolicy> hostKeys,
        Optional<Credentials> credentials,
        Optional<SshTarget> bastion,
        Optional<Boolean> sudo,
        Optional<String> agentJava,
        Optional<String> agentDir,
        Optional<AgentRuntimeChoice> agentRuntime) {

    public static final HostOverride NONE = new HostOverride(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
}
