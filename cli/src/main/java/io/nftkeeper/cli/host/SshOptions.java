package io.nftkeeper.cli.host;

import io.nftkeeper.cli.CliException;
import io.nftkeeper.transport.AgentLaunch;
import io.nftkeeper.transport.AgentRuntimeChoice;
import io.nftkeeper.transport.TransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * SSH settings as given at one level (a host entry, the job file's defaults, the command line); any field may be
 * null, meaning "not said here". Levels are layered with {@link #orElse} and completed with {@link #resolve}.
 */
public record SshOptions(
        String user,
        Integer port,
        Path privateKeyFile,
        String hostKey,
        Path knownHostsFile,
        String agentDirectory,
        String agentRuntime,
        Duration agentIdleTimeout) {

    public static final String DEFAULT_USER = "root";
    public static final int DEFAULT_PORT = 22;
    public static final String DEFAULT_AGENT_DIRECTORY = "/var/lib/nftkeeper/agent";

    public static SshOptions none() {
        return new SshOptions(null, null, null, null, null, null, null, null);
    }

    /** This level's values, with the gaps filled from {@code fallback}. */
    public SshOptions orElse(SshOptions fallback) {
        return new SshOptions(
                user != null ? user : fallback.user,
                port != null ? port : fallback.port,
                privateKeyFile != null ? privateKeyFile : fallback.privateKeyFile,
                hostKey != null ? hostKey : fallback.hostKey,
                knownHostsFile != null ? knownHostsFile : fallback.knownHostsFile,
                agentDirectory != null ? agentDirectory : fallback.agentDirectory,
                agentRuntime != null ? agentRuntime : fallback.agentRuntime,
                agentIdleTimeout != null ? agentIdleTimeout : fallback.agentIdleTimeout);
    }

    /**
     * Complete settings for {@code host}: user root, port 22 and the default agent directory unless given; a private
     * key file and a way to verify the host (host key or known_hosts file) must have been given somewhere.
     */
    public SshSettings resolve(String host) {
        if (privateKeyFile == null) {
            throw new CliException("no SSH private key for " + host
                    + ": pass --private-key-file or set private_key_file in the job file");
        }
        if (hostKey == null && knownHostsFile == null) {
            throw new CliException("no way to verify the SSH host key of " + host
                    + ": pass --host-key or --known-hosts-file, or set host_key or known_hosts_file in the job file");
        }
        int resolvedPort = port != null ? port : DEFAULT_PORT;
        if (resolvedPort < 1 || resolvedPort > 65535) {
            throw new CliException("SSH port " + resolvedPort + " for " + host + " is not between 1 and 65535");
        }
        String directory = agentDirectory != null ? agentDirectory : DEFAULT_AGENT_DIRECTORY;
        if (!directory.startsWith("/")) {
            throw new CliException(
                    "the agent directory for " + host + " must be an absolute path, not '" + directory + "'");
        }
        AgentRuntimeChoice runtime;
        try {
            runtime = agentRuntime != null ? AgentRuntimeChoice.parse(agentRuntime) : AgentRuntimeChoice.AUTO;
        } catch (TransportException e) {
            throw new CliException(e.getMessage() + " (for " + host + ")");
        }
        return new SshSettings(
                user != null ? user : DEFAULT_USER,
                resolvedPort,
                privateKeyFile,
                Optional.ofNullable(hostKey),
                Optional.ofNullable(knownHostsFile),
                directory,
                runtime,
                agentIdleTimeout != null ? agentIdleTimeout : AgentLaunch.DEFAULT_IDLE_TIMEOUT);
    }
}
