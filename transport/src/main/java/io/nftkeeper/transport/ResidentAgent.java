package io.nftkeeper.transport;

import io.nftkeeper.protocol.wire.AgentClient;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.HelloResult;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resident agent of a host (its Unix socket, reached through the SSH session the caller has), started detached
 * over SSH exec when none of this build listens. Owns the SSH session: closing this closes the connection, not the
 * agent, which serves other clients and exits on its own after its idle timeout.
 */
final class ResidentAgent implements AgentLink {

    private static final Logger LOG = LoggerFactory.getLogger(ResidentAgent.class);
    private static final Duration START_TIMEOUT = AgentCommand.RESIDENT_START_WAIT.plusSeconds(30);
    /** After the start command said the agent listens, sshd may still see the previous (stale) socket file. */
    private static final int CONNECT_ATTEMPTS_AFTER_START = 20;
    /**
     * Connects to a socket an agent may listen on, before starting one and again when the start command says one
     * runs: a listening agent has refused a connection now and then on a loaded host (seen in CI at two stops).
     */
    private static final int CONNECT_ATTEMPTS_WHILE_LISTENING = 3;

    private static final long CONNECT_PAUSE_MILLIS = 50;

    private final SshSession session;
    private final RemoteSocket socket;
    private final AgentClient client;

    private ResidentAgent(SshSession session, RemoteSocket socket, AgentClient client) {
        this.session = session;
        this.socket = socket;
        this.client = client;
    }

    /**
     * Connects to the resident agent of {@code command}'s build, starting it first when none listens. Empty when this
     * host cannot have one (sshd forbids forwarding to Unix sockets, or the agent did not start): the caller then runs
     * the agent over exec as before. On success the link owns {@code session}; on empty the caller keeps it.
     */
    static Optional<AgentLink> connect(
            SshSession session, AgentCommand command, Duration idleTimeout, TransportSettings settings) {
        return open(
                session,
                command,
                settings,
                CONNECT_ATTEMPTS_WHILE_LISTENING,
                () -> start(session, command, idleTimeout),
                "the agent runs over SSH exec instead");
    }

    /**
     * Connects to the resident agent {@code command} describes if it listens, starting nothing: for a host where this
     * process reached it before ({@link ReachedAgents}). Empty when nothing answers there; the caller keeps
     * {@code session} then, and its {@link #connect} tries the socket again before it starts anything: one attempt
     * here.
     */
    static Optional<AgentLink> reconnect(SshSession session, AgentCommand command, TransportSettings settings) {
        return open(
                session,
                command,
                settings,
                1,
                Optional::empty,
                "the connection checks the host's files and starts one");
    }

    /**
     * The socket's agent, greeted; when the socket refuses {@code attempts} times, 50 ms apart, the one
     * {@code whenRefused} gives, if any.
     */
    private static Optional<AgentLink> open(
            SshSession session,
            AgentCommand command,
            TransportSettings settings,
            int attempts,
            Supplier<Optional<RemoteSocket>> whenRefused,
            String otherwise) {
        Optional<RemoteSocket> listening = connect(session, command, attempts);
        if (listening.isEmpty()) {
            listening = whenRefused.get();
            if (listening.isEmpty()) {
                return Optional.empty();
            }
        }
        RemoteSocket socket = listening.get();
        try {
            return Optional.of(greet(session, command, socket, settings));
        } catch (AgentException e) {
            LOG.warn(
                    "the resident agent on {} did not answer hello ({}); {}",
                    session.target().host(),
                    e.getMessage(),
                    otherwise);
            return Optional.empty();
        }
    }

    /**
     * Says hello over {@code socket}. An agent that does not answer is an {@link AgentException}, the socket closed;
     * an incompatible one is final.
     */
    private static AgentLink greet(
            SshSession session, AgentCommand command, RemoteSocket socket, TransportSettings settings) {
        String host = session.target().host();
        AgentClient client = new AgentClient(socket.in(), socket.out(), settings.callTimeout());
        try {
            HelloResult hello = client.hello(settings.clientName());
            LOG.info(
                    "resident agent {} on {} ready at {} (nft {})",
                    hello.agentVersion(),
                    host,
                    command.socket(),
                    hello.nftVersion());
        } catch (AgentException e) {
            client.close();
            socket.close();
            if (e.code() == ErrorCode.INCOMPATIBLE) {
                throw new TransportException(
                        "the agent on " + host + " is incompatible with this provider: " + e.getMessage(), e);
            }
            throw e;
        }
        return new ResidentAgent(session, socket, client);
    }

    /**
     * Starts the agent detached (or finds that another client just did) and connects to it. sshd answers "connect
     * failed" both when nothing listens and when its configuration forbids forwarding to Unix sockets, so an agent
     * that listens but cannot be reached means the latter.
     */
    private static Optional<RemoteSocket> start(SshSession session, AgentCommand command, Duration idleTimeout) {
        String host = session.target().host();
        long started = System.nanoTime();
        ExecResult result;
        try {
            result = session.exec(command.residentStartCommand(idleTimeout), START_TIMEOUT);
        } catch (TransportException e) {
            if (!session.isConnected()) {
                throw e;
            }
            LOG.warn(
                    "cannot start the resident agent on {} ({}); the agent runs over SSH exec instead",
                    host,
                    e.getMessage());
            return Optional.empty();
        }
        if (!result.succeeded()) {
            if (result.exitStatus() == TrustedAgentFiles.EXIT_UNTRUSTED) {
                // the exec path runs the same checks and words the refusal for the user
                return Optional.empty();
            }
            LOG.warn(
                    "the resident agent on {} did not start (exit {}): {}; the agent runs over SSH exec instead",
                    host,
                    result.exitStatus(),
                    result.stderr().strip());
            return Optional.empty();
        }
        Optional<ResidentStart> outcome = ResidentStart.parse(result.stdout());
        if (outcome.isEmpty()) {
            LOG.warn(
                    "the resident agent's start command on {} said nothing expected ({}); the agent runs over SSH "
                            + "exec instead",
                    host,
                    result.stdout().strip());
            return Optional.empty();
        }
        if (outcome.get().outcome() == ResidentStart.Outcome.RUNNING) {
            // the agent listens: a refusal may also have been a socket being replaced or a loaded sshd; only
            // refusals again and again mean that sshd forbids forwarding
            Optional<RemoteSocket> again = connect(session, command, CONNECT_ATTEMPTS_WHILE_LISTENING);
            if (again.isPresent()) {
                return again;
            }
        }
        Optional<String> execReason =
                outcome.get().execReason(host, command, session.target().user(), idleTimeout);
        if (execReason.isPresent()) {
            LOG.debug(execReason.get());
            return Optional.empty();
        }
        LOG.info(
                "started the resident agent on {} (pid {}) in {} ms",
                host,
                outcome.get().detail(),
                (System.nanoTime() - started) / 1_000_000);
        Optional<RemoteSocket> socket = connect(session, command, CONNECT_ATTEMPTS_AFTER_START);
        if (socket.isEmpty()) {
            LOG.debug(ResidentStart.forwardingRefused(host, command));
        }
        return socket;
    }

    private static Optional<RemoteSocket> connect(SshSession session, AgentCommand command, int attempts) {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return Optional.of(session.connectSocket(command.socket()));
            } catch (SocketRefused refused) {
                if (attempt < attempts) {
                    sleep();
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public AgentClient client() {
        return client;
    }

    /** False once the agent closed the connection (it was stopped or killed) or the SSH connection dropped. */
    @Override
    public boolean isAlive() {
        return session.isConnected() && socket.isOpen();
    }

    @Override
    public void close() {
        client.close();
        socket.close();
        session.close();
    }

    private static void sleep() {
        try {
            Thread.sleep(CONNECT_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while connecting to the agent", e);
        }
    }
}
