package io.nftkeeper.agent.rpc;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resident agent: serves a Unix socket instead of stdio, so it outlives the SSH sessions and provider processes
 * that use it. Every connection is one RPC session with the same wire protocol as stdio, read on its own thread;
 * the requests of all sessions are answered one at a time on the thread that owns libnftables (the caller of
 * {@link #serve}), so the host lock, the journal, baselines and rollbacks see one request at a time as before.
 *
 * <p>Ends when no session is open and either {@code stop} was asked (drain: no new connection is accepted, the open
 * ones finish) or no session was open for the idle timeout (zero: never).
 */
public final class ResidentServer {

    private static final Logger LOG = LoggerFactory.getLogger(ResidentServer.class);
    private static final int QUEUED_EVENTS = 256;
    private static final long ACCEPTOR_JOIN_MILLIS = 2_000;

    /** What the session threads and the acceptor hand to the library thread, in arrival order. */
    private sealed interface Event {}

    private record Opened(Session session) implements Event {}

    private record Line(Session session, byte[] line) implements Event {}

    private record Closed(Session session, SocketChannel channel) implements Event {}

    private final Dispatcher dispatcher;
    private final ResidentFiles files;
    private final PeerPolicy peers;
    private final Duration idleTimeout;
    private final BlockingQueue<Event> events = new ArrayBlockingQueue<>(QUEUED_EVENTS);
    private ServerSocketChannel server;
    private Thread acceptor;
    // the library thread's own state
    private boolean draining;
    private int sessions;
    private long idleSince;

    public ResidentServer(Dispatcher dispatcher, ResidentFiles files, PeerPolicy peers, Duration idleTimeout) {
        this.dispatcher = dispatcher;
        this.files = files;
        this.peers = peers;
        this.idleTimeout = idleTimeout;
    }

    /** Listens, serves until drained or idle, then records what is unrecorded and closes the dispatcher. */
    public void serve() throws IOException, InterruptedException {
        try {
            files.removeStaleSocket();
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(files.socket()));
            files.listening();
            dispatcher.onStop(this::drain);
            acceptor = new Thread(this::acceptConnections, "nftkeeper-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            LOG.info(
                    "listening on {} (idle timeout {})",
                    files.socket(),
                    idleTimeout.isZero() ? "none" : idleTimeout.toSeconds() + " s");
            Thread others = new Thread(() -> StopRequest.drainOthers(files.socket()), "nftkeeper-drain-others");
            others.setDaemon(true);
            others.start();
            idleSince = System.nanoTime();
            serveEvents();
        } finally {
            stopAccepting();
            dispatcher.close();
        }
    }

    private void serveEvents() throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            if (sessions == 0 && !draining && !idleTimeout.isZero() && now - idleSince >= idleTimeout.toNanos()) {
                LOG.info("no client for {} s: exiting", idleTimeout.toSeconds());
                stopAccepting();
            }
            if (draining && sessions == 0 && events.isEmpty()) {
                LOG.info("drained: exiting");
                return;
            }
            long wait = dispatcher.nanosUntilIdleWork();
            if (sessions == 0 && !draining && !idleTimeout.isZero()) {
                wait = Math.min(wait, Math.max(0, idleSince + idleTimeout.toNanos() - now));
            }
            Event event = events.poll(wait, TimeUnit.NANOSECONDS);
            if (event == null) {
                dispatcher.idleWork();
                continue;
            }
            if (event instanceof Opened) {
                sessions++;
            } else if (event instanceof Line line) {
                RpcLoop.answer(dispatcher, line.line(), line.session());
            } else if (event instanceof Closed closed) {
                closed.session().close();
                closeQuietly(closed.channel());
                if (--sessions == 0) {
                    idleSince = System.nanoTime();
                }
            }
        }
    }

    /** {@code stop}: on the library thread, while answering it. */
    private void drain() {
        LOG.info("stop requested: accepting no new connection; {} open (this one included) may finish", sessions);
        stopAccepting();
    }

    /** Closes the socket (its file goes, a new agent may take the path) and waits for the acceptor to end. */
    private void stopAccepting() {
        if (draining) {
            return;
        }
        draining = true;
        files.close();
        try {
            if (server != null) {
                server.close();
            }
            if (acceptor != null) {
                acceptor.join(ACCEPTOR_JOIN_MILLIS);
            }
        } catch (IOException e) {
            LOG.warn("closing the socket failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptConnections() {
        long connections = 0;
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.error("accepting a connection failed; no more are accepted", e);
                return;
            }
            connections++;
            if (!allowed(channel)) {
                closeQuietly(channel);
                continue;
            }
            Session session = new Session(new MessageSink(ChannelStreams.out(channel)));
            try {
                events.put(new Opened(session));
            } catch (InterruptedException e) {
                closeQuietly(channel);
                return;
            }
            Thread reader = new Thread(() -> readRequests(channel, session), "nftkeeper-session-" + connections);
            reader.setDaemon(true);
            reader.start();
        }
    }

    private boolean allowed(SocketChannel channel) {
        try {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            String user = peer.user().getName();
            if (peers.allows(user, peer.group().getName())) {
                return true;
            }
            LOG.warn(
                    "refused a connection from user {} (group {}): only {}{} may use this agent",
                    user,
                    peer.group().getName(),
                    peers.ownUser(),
                    peers.group().map(g -> " and members of " + g).orElse(""));
            return false;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("refused a connection whose peer cannot be identified: {}", e.getMessage());
            return false;
        }
    }

    private void readRequests(SocketChannel channel, Session session) {
        ByteLines lines = new ByteLines(ChannelStreams.in(channel));
        try {
            byte[] line;
            while ((line = lines.next()) != null) {
                events.put(new Line(session, line));
            }
        } catch (IOException e) {
            LOG.debug("a session ended: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                events.put(new Closed(session, channel));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // gone already
        }
    }
}
