package io.nftkeeper.cli.host;

import io.nftkeeper.transport.AgentRuntimeChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Complete SSH settings for one host. The host's identity is verified either by a pinned key ({@code ssh-ed25519
 * AAAA...} or {@code SHA256:...}) or by a known_hosts file; a pinned key wins when both are given.
 */
public record SshSettings(
        String user,
        int port,
        Path privateKeyFile,
        Optional<String> hostKey,
        Optional<Path> knownHostsFile,
        String agentDirectory,
        AgentRuntimeChoice agentRuntime,
        Duration agentIdleTimeout) {

    public SshSettings {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(privateKeyFile, "privateKeyFile");
        Objects.requireNonNull(hostKey, "hostKey");
        Objects.requireNonNull(knownHostsFile, "knownHostsFile");
        Objects.requireNonNull(agentDirectory, "agentDirectory");
        Objects.requireNonNull(agentRuntime, "agentRuntime");
        Objects.requireNonNull(agentIdleTimeout, "agentIdleTimeout");
    }
}
