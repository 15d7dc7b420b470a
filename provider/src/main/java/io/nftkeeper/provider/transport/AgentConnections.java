package io.nftkeeper.provider.transport;

import io.nftkeeper.protocol.wire.AgentClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSH session and one agent per target for the whole provider process, opened on first use and shared by
 * every caller. A target whose agent died (connection dropped, agent exited) is reopened on the next request.
 */
public final class AgentConnections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentConnections.class);

    private final TransportSettings settings;
    private final AgentJar jar;
    private final Map<SshTarget, Slot> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Default settings and the agent jar bundled into the provider. */
    public AgentConnections() {
        this(TransportSettings.defaults());
    }

    /** Uses the agent jar bundled into the provider. */
    public AgentConnections(TransportSettings settings) {
        this(settings, null);
    }

    /** Uses {@code jar} as the agent (null: the bundled one, loaded when the first host is opened). */
    public AgentConnections(TransportSettings settings, AgentJar jar) {
        this.settings = settings;
        this.jar = jar;
    }

    /**
     * The agent client for {@code target}, connecting, bootstrapping and starting the agent if this is the first
     * request for it or its previous agent died. Concurrent first requests open one connection, not many.
     */
    public AgentClient agentFor(SshTarget target) {
        if (closed) {
            throw new IllegalStateException("the agent connections were closed");
        }
        return slots.computeIfAbsent(target, key -> new Slot()).client(target);
    }

    /** Closes every agent and SSH session; later {@link #agentFor} calls fail. */
    @Override
    public void close() {
        closed = true;
        slots.values().forEach(Slot::close);
    }

    private AgentProcess open(SshTarget target) {
        AgentBootstrap bootstrap = new AgentBootstrap(jar != null ? jar : AgentJar.bundled(), settings.agentDirectory());
        SshSession session = SshSession.open(target, settings);
        String remoteJar;
        try {
            remoteJar = bootstrap.ensureInstalled(session);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return AgentProcess.start(session, remoteJar, settings);
    }

    /** The connection to one target; its lock serialises opening so waiting callers share one attempt's outcome. */
    private final class Slot {
        private AgentProcess agent;
        private volatile long attempts;
        private TransportException lastFailure;

        AgentClient client(SshTarget target) {
            long attemptsSeen = attempts;
            synchronized (this) {
                if (agent != null && agent.isAlive()) {
                    return agent.client();
                }
                // Someone opened (and failed) while we waited for the lock: share that failure rather than have
                // every waiting caller wait out its own connect timeout in turn.
                if (attempts != attemptsSeen && lastFailure != null) {
                    throw new TransportException(lastFailure.getMessage(), lastFailure);
                }
                if (closed) {
                    throw new IllegalStateException("the agent connections were closed");
                }
                if (agent != null) {
                    LOG.info("the agent connection to {} was lost; reconnecting", target.endpoint());
                    agent.close();
                    agent = null;
                }
                attempts++;
                try {
                    agent = open(target);
                    lastFailure = null;
                    return agent.client();
                } catch (TransportException e) {
                    lastFailure = e;
                    throw e;
                }
            }
        }

        synchronized void close() {
            if (agent != null) {
                agent.close();
                agent = null;
            }
        }
    }
}
