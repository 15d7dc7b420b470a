package io.nftkeeper.cli.host;

import io.nftkeeper.cli.CliException;
import io.nftkeeper.protocol.wire.AgentClient;
import io.nftkeeper.transport.AgentConnections;
import io.nftkeeper.transport.AgentLaunch;
import io.nftkeeper.transport.AgentTarget;
import io.nftkeeper.transport.RemoteProcess;
import io.nftkeeper.transport.Secret;
import io.nftkeeper.transport.SshSession;
import io.nftkeeper.transport.SshTarget;
import io.nftkeeper.transport.TransportSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent on one host, reached through the transport module: connect, verify the host key, install the
 * agent jar if the host lacks this build, start the agent. The only class of the CLI that knows the transport.
 * Closing it ends the agent, any command started with {@link #startCommand} and the SSH connections.
 */
public final class HostAgents implements AutoCloseable {

    private final AgentConnections connections;
    private final AgentClient client;
    private final AgentTarget target;
    private final TransportSettings settings;
    private final List<AutoCloseable> commands = new ArrayList<>();

    private HostAgents(
            AgentConnections connections, AgentClient client, AgentTarget target, TransportSettings settings) {
        this.connections = connections;
        this.client = client;
        this.target = target;
        this.settings = settings;
    }

    /** Connects to {@code host} and starts its agent; throws with a message naming the host if it cannot. */
    public static HostAgents open(String host, SshSettings ssh, Duration connectTimeout) {
        TransportSettings settings = TransportSettings.defaults().withConnectTimeout(connectTimeout);
        AgentTarget target = new AgentTarget(
                sshTarget(host, ssh),
                AgentLaunch.defaults()
                        .withDirectory(ssh.agentDirectory())
                        .withRuntime(ssh.agentRuntime())
                        .withIdleTimeout(ssh.agentIdleTimeout()));
        AgentConnections connections = new AgentConnections(settings);
        try {
            return new HostAgents(connections, connections.agentFor(target), target, settings);
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
    }

    public AgentClient client() {
        return client;
    }

    /**
     * Runs {@code command} on the host over a second SSH connection and hands back its stdout; the command ends when
     * this is closed. For streams the agent cannot relay (nft 1.0.6 prints {@code monitor trace} as text, which the
     * agent's JSON monitor drops).
     */
    public synchronized InputStream startCommand(String command) {
        SshSession session = SshSession.open(target.ssh(), settings);
        commands.add(session);
        RemoteProcess process = session.start(command);
        commands.add(0, process);
        return process.stdout();
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable command : commands) {
            try {
                command.close();
            } catch (Exception e) {
                // already gone with its connection
            }
        }
        commands.clear();
        connections.close();
    }

    private static SshTarget sshTarget(String host, SshSettings ssh) {
        Secret key = readKey(ssh);
        if (ssh.hostKey().isPresent()) {
            return SshTarget.pinned(
                    host, ssh.port(), ssh.user(), key, ssh.hostKey().get());
        }
        return SshTarget.withKnownHosts(
                host, ssh.port(), ssh.user(), key, ssh.knownHostsFile().orElseThrow());
    }

    private static Secret readKey(SshSettings ssh) {
        try {
            return new Secret(Files.readString(ssh.privateKeyFile()));
        } catch (IOException e) {
            // names the file, never its content
            throw new CliException("cannot read the private key file " + ssh.privateKeyFile() + ": "
                    + e.getClass().getSimpleName());
        }
    }
}
