package io.nftkeeper.transport;

import io.nftkeeper.protocol.wire.AgentClient;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.HelloResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent running on a host ({@code java -jar <agent.jar> serve} over an SSH exec channel) and the client
 * talking to it. Owns the SSH session: closing this closes the agent's stdin (it exits) and the connection.
 */
public final class AgentProcess implements AgentLink {

    private static final Logger LOG = LoggerFactory.getLogger(AgentProcess.class);
    private static final int STDERR_LINES_KEPT = 50;
    private static final Duration LAST_WORDS_WAIT = Duration.ofSeconds(2);
    private static final String AGENT_ERROR_PREFIX = "[nftkeeper-agent] ERROR ";

    private final SshSession session;
    private final RemoteProcess process;
    private final StderrTail stderr;
    private final AgentClient client;
    private HelloResult hello;

    private AgentProcess(SshSession session, RemoteProcess process, StderrTail stderr, AgentClient client) {
        this.session = session;
        this.process = process;
        this.stderr = stderr;
        this.client = client;
    }

    /**
     * Starts the agent with {@code command} and greets it. Takes ownership of {@code session}: it is closed when this
     * process is, or at once if the agent cannot be started.
     */
    public static AgentProcess start(SshSession session, AgentCommand command, TransportSettings settings) {
        String host = session.target().host();
        try {
            RemoteProcess process = session.start(command.shellCommand());
            StderrTail stderr = StderrTail.follow(
                    process.stderr(),
                    STDERR_LINES_KEPT,
                    line -> LOG.debug("agent on {}: {}", host, line),
                    "nftkeeper-agent-stderr-" + host);
            AgentClient client = new AgentClient(process.stdout(), process.stdin(), settings.callTimeout());
            AgentProcess agent = new AgentProcess(session, process, stderr, client);
            try {
                agent.greet(settings.clientName(), command);
            } catch (RuntimeException e) {
                agent.close();
                throw e;
            }
            return agent;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public AgentClient client() {
        return client;
    }

    /** What the agent answered to {@code hello}: its versions and the host's name. */
    public HelloResult hello() {
        return hello;
    }

    /** False once the agent exited or the SSH connection dropped. */
    @Override
    public boolean isAlive() {
        return session.isConnected() && process.isRunning();
    }

    @Override
    public void close() {
        client.close();
        process.close();
        session.close();
    }

    private void greet(String clientName, AgentCommand command) {
        String host = session.target().host();
        try {
            hello = client.hello(clientName);
            LOG.info("agent {} on {} ready (nft {})", hello.agentVersion(), host, hello.nftVersion());
        } catch (AgentException e) {
            if (e.code() == ErrorCode.INCOMPATIBLE) {
                throw new TransportException(
                        "the agent on " + host + " is incompatible with this provider: " + e.getMessage(), e);
            }
            stderr.awaitEnd(LAST_WORDS_WAIT);
            throw startFailure(command, e);
        }
    }

    /** Says why the agent did not answer, in the words of whoever refused: sudo, the agent itself, or the channel. */
    private TransportException startFailure(AgentCommand command, AgentException e) {
        String host = session.target().host();
        List<String> lines = stderr.lines();
        if (command.sudo() && lines.stream().anyMatch(line -> line.startsWith("sudo:"))) {
            String sudoSaid = lines.stream()
                    .filter(line -> line.startsWith("sudo:"))
                    .findFirst()
                    .orElseThrow();
            return new TransportException(
                    "sudo on " + host + " refused to start the agent without a password ("
                            + sudoSaid
                            + "). sudo = true needs a sudoers rule such as this line in /etc/sudoers.d/nftkeeper:\n  "
                            + command.sudoersLine(session.target().user()),
                    e);
        }
        // the agent's own start-up errors (e.g. libnftables missing: exit 3) are single lines that say what to install
        Optional<String> agentSaid = lines.stream()
                .filter(line -> line.startsWith(AGENT_ERROR_PREFIX))
                .map(line -> line.substring(AGENT_ERROR_PREFIX.length()))
                .findFirst();
        if (agentSaid.isPresent()) {
            return new TransportException("the agent on " + host + " cannot start: " + agentSaid.get(), e);
        }
        // Gone without an exit status: killed by a signal, or the SSH connection dropped under it. Only hello was
        // sent, nothing changed on the host, so a new connection may safely try again (the pool does, as for any
        // transient failure). An agent that exits with a status, or hangs, fails the same way every time.
        if (process.awaitEnd(LAST_WORDS_WAIT) && process.exitStatus().isEmpty()) {
            return new TransportException(
                    "the connection to the agent on " + host + " was lost while the agent "
                            + "started (" + e.getMessage() + "); nothing was sent to it, so the host is unchanged"
                            + lastWords(),
                    true,
                    e);
        }
        return new TransportException("the agent on " + host + " did not start: " + e.getMessage() + lastWords(), e);
    }

    private String lastWords() {
        List<String> lines = stderr.lines();
        return lines.isEmpty() ? "" : "; its stderr ends with:\n  " + String.join("\n  ", lines);
    }
}
