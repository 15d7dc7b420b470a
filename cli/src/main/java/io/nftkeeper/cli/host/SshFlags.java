package io.nftkeeper.cli.host;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The SSH flags shared by the commands that talk to hosts; they fill whatever a job file leaves open. */
public final class SshFlags {

    @Option(names = "--user", paramLabel = "USER", description = "SSH user (default root).", order = 10)
    String user;

    @Option(names = "--port", paramLabel = "PORT", description = "SSH port (default 22).", order = 11)
    Integer port;

    @Option(names = "--private-key-file", paramLabel = "FILE", description = "SSH private key (unencrypted).",
            order = 12)
    Path privateKeyFile;

    @Option(names = "--known-hosts-file", paramLabel = "FILE", description = "OpenSSH known_hosts to verify hosts.",
            order = 13)
    Path knownHostsFile;

    @Option(names = "--host-key", paramLabel = "KEY",
            description = "The hosts' pinned key (`ssh-ed25519 AAAA...` or `SHA256:...`).", order = 14)
    String hostKey;

    @Option(names = "--agent-dir", paramLabel = "DIR",
            description = "Where the agent jar is cached on hosts (default /var/lib/nftkeeper/agent).", order = 15)
    String agentDirectory;

    @Option(names = "--agent-runtime", paramLabel = "auto|system|bundled",
            description = "Which Java runs the agent on hosts: the host's Java 17+ else the runtime bundled with "
                    + "nftkeeper (auto, the default), only the host's (system), or always the bundled one.",
            order = 16)
    String agentRuntime;

    public SshOptions options() {
        return new SshOptions(user, port, privateKeyFile, hostKey, knownHostsFile, agentDirectory, agentRuntime);
    }
}
