package io.nftkeeper.transport;

import io.nftkeeper.protocol.wire.AgentClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSH session and one agent connection per target for the whole provider instance, opened on first use (or
 * taken over from an earlier pool of this process, {@link IdleLinks}) and shared by every caller: to the host's
 * resident agent where it can be reached ({@link ResidentAgent}), else to an agent over exec ({@link AgentProcess}).
 * A target whose agent died (connection dropped, agent exited) is reopened on the next request.
 * Transient connection failures are tried again a bounded number of times; the others fail at once. Keeps each
 * host's table listings too ({@link HostListings}), so a refresh reads a table once, not once per resource.
 */
public final class AgentConnections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentConnections.class);
    private static final Duration LOSS_NOTICE_WAIT = Duration.ofSeconds(2);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private final TransportSettings settings;
    private final Function<AgentTarget, AgentLink> connector;
    /** Where {@link #close} leaves connections for a later pool, and for how long (zero: it closes them). */
    private final IdleLinks idleLinks;

    private final Duration keepIdle;
    /** By address: hosts this pool changed, whose connections are never left for another (see {@link #close}). */
    private final Set<String> changedHosts = ConcurrentHashMap.newKeySet();

    private final Map<AgentTarget, Slot> slots = new ConcurrentHashMap<>();
    /** By address, not target: two targets reaching the same host (other user, other launch) see one ruleset. */
    private final Map<String, HostListings> listings = new ConcurrentHashMap<>();
    /** By address: the last change an unprotected apply committed, until the host answers a call again. */
    private final Map<String, String> unansweredCommits = new ConcurrentHashMap<>();

    private final Object callsLock = new Object();
    private int callsInFlight;
    private volatile boolean closed;

    /** Default settings and the agent jar bundled into the provider. */
    public AgentConnections() {
        this(TransportSettings.defaults());
    }

    /** Uses the agent jar bundled into the provider. */
    public AgentConnections(TransportSettings settings) {
        this(settings, (AgentJar) null);
    }

    /** Uses {@code jar} as the agent (null: the bundled one, loaded when the first host is opened). */
    public AgentConnections(TransportSettings settings, AgentJar jar) {
        this(settings, jar, Duration.ZERO);
    }

    /**
     * As {@link #AgentConnections(TransportSettings)}, taking over connections another pool of this process left and,
     * once closed, leaving its own for {@code keepIdle} ({@link IdleLinks#PROCESS}): for a process that serves many
     * Terraform processes one after another.
     */
    public AgentConnections(TransportSettings settings, Duration keepIdle) {
        this(settings, null, keepIdle);
    }

    private AgentConnections(TransportSettings settings, AgentJar jar, Duration keepIdle) {
        this(
                settings,
                target -> openOnce(target, jar != null ? jar : AgentJar.bundled(), settings, ReachedAgents.PROCESS),
                IdleLinks.PROCESS,
                keepIdle);
    }

    /** Connects with {@code connector} (one attempt; transient failures are retried as for SSH): for tests. */
    AgentConnections(TransportSettings settings, Function<AgentTarget, AgentLink> connector) {
        this(settings, connector, IdleLinks.PROCESS, Duration.ZERO);
    }

    /** As above, leaving connections in {@code idleLinks} for {@code keepIdle} when closed: for tests. */
    AgentConnections(
            TransportSettings settings,
            Function<AgentTarget, AgentLink> connector,
            IdleLinks idleLinks,
            Duration keepIdle) {
        this.settings = settings;
        this.connector = connector;
        this.idleLinks = idleLinks;
        this.keepIdle = keepIdle;
    }

    /** The agent of {@code target} as callers use it: connected on first call, calls retried when that is safe. */
    public HostAgent agent(AgentTarget target) {
        return new HostAgent(this, target);
    }

    /**
     * The agent client for {@code target}, connecting, bootstrapping and starting the agent if this is the first
     * request for it or its previous agent died. Concurrent first requests open one connection, not many.
     */
    public AgentClient agentFor(AgentTarget target) {
        if (closed) {
            throw closedFailure(target);
        }
        return slots.computeIfAbsent(target, key -> new Slot()).client(target);
    }

    /**
     * Forgets every cached listing. The provider is configured once per Terraform command, and a reattached provider
     * serves many commands: each command's refresh must read the hosts again, not see an earlier command's listings.
     */
    public void forgetListings() {
        listings.values().forEach(HostListings::invalidate);
    }

    /** The cached listings of the host {@code target} reaches, shared with every other target of that host. */
    HostListings listingsOf(AgentTarget target) {
        return listings.computeIfAbsent(target.ssh().address(), address -> new HostListings());
    }

    /** An apply without lockout protection committed {@code change} on the host {@code target} reaches. */
    void committedUnprotected(AgentTarget target, String change) {
        unansweredCommits.put(target.ssh().address(), change);
    }

    /** The host answered a call: whatever it committed before did not lock us out. */
    void answered(AgentTarget target) {
        unansweredCommits.remove(target.ssh().address());
    }

    /** The change committed without protection since which the host has not answered, if any. */
    Optional<String> unansweredCommit(AgentTarget target) {
        return Optional.ofNullable(unansweredCommits.get(target.ssh().address()));
    }

    /**
     * After a call through {@code client} failed as unavailable: did its connection die (so a new one may be
     * opened), rather than the agent being slow? Waits briefly, since SSH reports a closed channel a moment later.
     */
    boolean connectionLost(AgentTarget target, AgentClient client) {
        Slot slot = slots.get(target);
        return slot == null || slot.lost(client, LOSS_NOTICE_WAIT);
    }

    /**
     * A new connection to {@code target} outside the pool (one attempt), which the caller closes: proves that the host
     * still accepts a new SSH login ({@link ConfirmedApply}).
     */
    AgentLink openUnpooled(AgentTarget target) {
        if (closed) {
            throw closedFailure(target);
        }
        return connector.apply(target);
    }

    /** Closes the pooled connection of {@code target} if {@code client} is still its agent; the next call reopens. */
    void discard(AgentTarget target, AgentClient client) {
        Slot slot = slots.get(target);
        if (slot != null) {
            slot.discard(client);
        }
    }

    /** Counts a call in flight, so {@link #close} lets it finish; false once closing started. */
    boolean enter() {
        synchronized (callsLock) {
            if (closed) {
                return false;
            }
            callsInFlight++;
            return true;
        }
    }

    void exit() {
        synchronized (callsLock) {
            callsInFlight--;
            callsLock.notifyAll();
        }
    }

    /**
     * Refuses new calls, lets calls in flight finish (at most 10 s), then closes every agent connection (an agent over
     * exec sees its stdin close and exits; a resident agent stays for its other clients) and SSH session, or, given a
     * time to keep them, leaves those of hosts this pool did not change to a later pool. Later {@link #agentFor}
     * calls fail.
     */
    @Override
    public void close() {
        synchronized (callsLock) {
            closed = true;
            long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
            try {
                while (callsInFlight > 0 && System.nanoTime() < deadline) {
                    callsLock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (callsInFlight > 0) {
                LOG.warn("closing the agent connections with {} calls still running", callsInFlight);
            }
        }
        slots.forEach((target, slot) -> slot.release().ifPresent(link -> {
            String address = target.ssh().address();
            // after a change the next command must show that a new login still works (the change may have cut
            // SSH for new connections while this one lives on), so only the connections of hosts left as they
            // were are kept
            if (changedHosts.contains(address) || unansweredCommits.containsKey(address)) {
                link.close();
            } else {
                idleLinks.keep(target, link, keepIdle);
            }
        }));
    }

    /** A call that may change the host {@code target} reaches is about to be sent. */
    void changing(AgentTarget target) {
        changedHosts.add(target.ssh().address());
    }

    static TransportException closedFailure(AgentTarget target) {
        return new TransportException("the provider is stopping: no new connection to " + target.host());
    }

    private AgentLink open(AgentTarget target) {
        Optional<AgentLink> kept = idleLinks.take(target);
        if (kept.isPresent()) {
            return kept.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return connector.apply(target);
            } catch (TransportException e) {
                if (!e.isTransient() || closed) {
                    throw e;
                }
                if (attempt == settings.connectAttempts()) {
                    throw attempt == 1
                            ? e
                            : new TransportException(e.getMessage() + " (tried " + attempt + " times)", e.getCause());
                }
                Duration pause = settings.retryDelay().multipliedBy(attempt);
                LOG.warn(
                        "{}; trying again in {} ms (attempt {} of {})",
                        e.getMessage(),
                        pause.toMillis(),
                        attempt + 1,
                        settings.connectAttempts());
                sleep(pause);
            }
        }
    }

    /**
     * The resident agent where the host allows one (with sudo: where the SSH user is in the socket's group and
     * sudoers allows its command, docs/design/0008-resident-agent.md), else the agent over exec, one per connection.
     * A resident agent this process reached on the target before is tried first, without the bootstrap's probe.
     */
    private static AgentLink openOnce(
            AgentTarget target, AgentJar jar, TransportSettings settings, ReachedAgents reached) {
        long started = System.nanoTime();
        SshSession session = SshSession.open(target.ssh(), settings);
        long loggedIn = System.nanoTime();
        Optional<AgentCommand> known = reached.of(target, jar.sha256());
        try {
            Optional<AgentLink> again = known.flatMap(command -> ResidentAgent.reconnect(session, command, settings));
            if (again.isPresent()) {
                logReached(target, started, loggedIn, "; its socket known from an earlier connection");
                return again.get();
            }
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        known.ifPresent(command -> reached.forget(target, command));
        AgentBootstrap bootstrap = new AgentBootstrap(jar, target.launch());
        AgentCommand command;
        try {
            command = bootstrap.ensureInstalled(session);
        } catch (TransportException e) {
            boolean lost = !session.isConnected();
            session.close();
            // whatever the bootstrap's command said, a dropped connection was the cause: worth another attempt
            throw lost && !e.isTransient()
                    ? new TransportException(
                            "the SSH connection to " + target.host() + " was lost while checking the agent ("
                                    + e.getMessage() + ")",
                            true,
                            e)
                    : e;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        try {
            Optional<AgentLink> resident =
                    ResidentAgent.connect(session, command, target.launch().idleTimeout(), settings);
            if (resident.isPresent()) {
                reached.reached(target, command);
                logReached(target, started, loggedIn, "");
                return resident.get();
            }
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return AgentProcess.start(session, command, settings);
    }

    private static void logReached(AgentTarget target, long started, long loggedIn, String how) {
        LOG.debug(
                "reached the resident agent on {} in {} ms (SSH login {} ms{})",
                target.host(),
                (System.nanoTime() - started) / 1_000_000,
                (loggedIn - started) / 1_000_000,
                how);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting to reconnect", e);
        }
    }

    /** The connection to one target; its lock serialises opening so waiting callers share one attempt's outcome. */
    private final class Slot {
        private AgentLink agent;
        private volatile long attempts;
        private TransportException lastFailure;

        AgentClient client(AgentTarget target) {
            long attemptsSeen = attempts;
            synchronized (this) {
                if (agent != null && agent.isAlive()) {
                    return agent.client();
                }
                // Someone opened (and failed) while we waited for the lock: share that failure rather than have
                // every waiting caller wait out its own connect timeout in turn.
                if (attempts != attemptsSeen && lastFailure != null) {
                    throw lastFailure.repeated();
                }
                // a refused host key is final for this process: no call connects again to be refused again
                if (lastFailure != null && lastFailure.isHostKeyRefused()) {
                    throw lastFailure.repeated();
                }
                if (closed) {
                    throw closedFailure(target);
                }
                if (agent != null) {
                    LOG.info(
                            "the agent connection to {} was lost; reconnecting",
                            target.ssh().endpoint());
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

        boolean lost(AgentClient client, Duration wait) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                synchronized (this) {
                    if (agent == null || agent.client() != client || !agent.isAlive()) {
                        return true;
                    }
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }

        synchronized void discard(AgentClient client) {
            if (agent != null && agent.client() == client) {
                agent.close();
                agent = null;
            }
        }

        /** The open connection, which the caller now owns, if there is one. */
        synchronized Optional<AgentLink> release() {
            Optional<AgentLink> link = Optional.ofNullable(agent);
            agent = null;
            return link;
        }
    }
}
