package io.nftkeeper.cli.host;

import io.nftkeeper.cli.CliException;
import io.nftkeeper.protocol.NftDuration;
import io.nftkeeper.transport.AgentLaunch;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The SSH flags shared by the commands that talk to hosts; they fill whatever a job file leaves open. */
public final class SshFlags {

    @Option(names = "--user", paramLabel = "USER", description = "SSH user (default root).", order = 10)
    String user;

    @Option(names = "--port", paramLabel = "PORT", description = "SSH port (default 22).", order = 11)
    Integer port;

    @Option(
            names = "--private-key-file",
            paramLabel = "FILE",
            description = "SSH private key (unencrypted).",
            order = 12)
    Path privateKeyFile;

    @Option(
            names = "--known-hosts-file",
            paramLabel = "FILE",
            description = "OpenSSH known_hosts to verify hosts.",
            order = 13)
    Path knownHostsFile;

    @Option(
            names = "--host-key",
            paramLabel = "KEY",
            description = "The hosts' pinned key (`ssh-ed25519 AAAA...` or `SHA256:...`).",
            order = 14)
    String hostKey;

    @Option(
            names = "--agent-dir",
            paramLabel = "DIR",
            description = "Where the agent jar is cached on hosts (default /var/lib/nftkeeper/agent).",
            order = 15)
    String agentDirectory;

    @Option(
            names = "--agent-runtime",
            paramLabel = "auto|system|bundled",
            description = "Which Java runs the agent on hosts: the host's Java 17+ else the runtime bundled with "
                    + "nftkeeper (auto, the default), only the host's (system), or always the bundled one.",
            order = 16)
    String agentRuntime;

    @Option(
            names = "--agent-idle-timeout",
            paramLabel = "DURATION",
            description = "How long the agent stays on a host without clients before it exits, e.g. 30m (0s: until "
                    + "stopped; default 15m). An agent already running keeps its own.",
            order = 17)
    String agentIdleTimeout;

    public SshOptions options() {
        return new SshOptions(
                user,
                port,
                privateKeyFile,
                hostKey,
                knownHostsFile,
                agentDirectory,
                agentRuntime,
                agentIdleTimeout == null ? null : idleTimeout(agentIdleTimeout));
    }

    /** The provider's syntax (agent_idle_timeout), parsed by the same parser. */
    private static Duration idleTimeout(String text) {
        return AgentLaunch.parseIdleTimeout(text)
                .orElseThrow(() -> new CliException("--agent-idle-timeout: " + NftDuration.syntaxHelp(text)
                        + " Or 0s to keep the agent until it is stopped."));
    }
}
