package io.nftkeeper.framework.internal.plugin;

import io.nftkeeper.framework.logging.HclogLevel;
import io.nftkeeper.framework.logging.HclogSinks;
import io.nftkeeper.framework.logging.HclogWriter;
import io.nftkeeper.framework.provider.Provider;
import io.nftkeeper.framework.server.PluginEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin server that outlives the Terraform commands it serves, so that a provider process costs a connection
 * instead of a JVM start (Terraform starts three to five plugin processes per command).
 *
 * <p>The provider's launcher connects to it over 127.0.0.1 and sends {@code session <pid> <directory>}: its own
 * process ID, whose environment and working directory (from /proc) the session's provider gets, and the runtime
 * directory it looked this server up in. The server answers with the go-plugin handshake line of a gRPC server
 * made for that session (a new provider instance, mutual TLS with the client certificate of that environment),
 * then sends the session's log lines; the launcher copies them to Terraform as its stderr. The session ends when
 * Terraform shuts the plugin down (the server closes the connection and the launcher exits) or when the launcher
 * dies (the connection closes and the session's server stops). {@code stop} asks the server to exit once no
 * session is left.
 *
 * <p>Only processes of this server's own user are served: /proc/net/tcp names the user of the connecting socket,
 * and the launcher checks the same of the listening one before it connects. The server exits after an idle
 * timeout without sessions, or when idle once the file it was started from has changed or gone (a new build
 * installed, a test's mirror removed).
 */
public final class ResidentServer {
    private static final Logger LOG = LoggerFactory.getLogger(ResidentServer.class);
    private static final int TICK_MILLIS = 1_000;
    private static final int REQUEST_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_REQUEST_BYTES = 4_096;

    private final Path directory;
    private final Duration idleTimeout;
    private final Path build;
    private final Function<PluginEnvironment, Provider> providers;
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicLong sessionNumbers = new AtomicLong();
    private volatile Instant idleSince = Instant.now();
    private volatile boolean stopRequested;

    /**
     * @param directory   the launcher's runtime directory for this build: the port file goes there
     * @param idleTimeout how long to stay without a session
     * @param build       the file this server was started from (the provider jar)
     * @param providers   makes the provider of a session
     */
    public ResidentServer(
            Path directory, Duration idleTimeout, Path build, Function<PluginEnvironment, Provider> providers) {
        this.directory = directory.toAbsolutePath().normalize();
        this.idleTimeout = idleTimeout;
        this.build = build;
        this.providers = providers;
    }

    /** Serves until it is time to exit; returns when no session is left. */
    public void run() throws IOException {
        // only sessions' lines go to Terraform; the server's own go to its log file, without debug noise
        HclogSinks.setProcessSink(new HclogSinks.Sink(HclogLevel.INFO, HclogWriter.stderr()));
        int uid = LaunchingProcess.ownUid();
        Object builtFrom = stamp(build);
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            // IPv4 only: the launcher and the peer check read /proc/net/tcp, not tcp6
            channel.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
            ServerSocket listener = channel.socket();
            listener.setSoTimeout(TICK_MILLIS);
            int port = listener.getLocalPort();
            writePortFile(port);
            LOG.info("resident plugin server {} listening on 127.0.0.1:{}", directory, port);
            while (exitReason(builtFrom).isEmpty()) {
                try {
                    Socket client = listener.accept();
                    sessions.incrementAndGet();
                    long number = sessionNumbers.incrementAndGet();
                    Thread thread = new Thread(() -> serve(client, port, uid, number), "plugin-session-" + number);
                    thread.setDaemon(true);
                    thread.start();
                } catch (SocketTimeoutException e) {
                    // a tick: look at the idle time and the build again
                }
            }
            removePortFile(port);
        }
        while (sessions.get() > 0) {
            sleep();
        }
        String reason = exitReason(builtFrom).orElse("asked to stop");
        if (!Objects.equals(builtFrom, stamp(build))) {
            // no launcher looks this directory up again: its name is derived from the build that is gone
            removeDirectory();
        }
        LOG.info("resident plugin server {} exits: {}", directory, reason);
    }

    /** Why the server should stop accepting sessions now, if it should. */
    private Optional<String> exitReason(Object builtFrom) {
        if (stopRequested) {
            return Optional.of("asked to stop");
        }
        if (sessions.get() > 0) {
            return Optional.empty();
        }
        if (!Objects.equals(builtFrom, stamp(build))) {
            return Optional.of(build + " was replaced or removed");
        }
        if (Duration.between(idleSince, Instant.now()).compareTo(idleTimeout) >= 0) {
            return Optional.of("idle for " + idleTimeout.toSeconds() + " s");
        }
        return Optional.empty();
    }

    private void serve(Socket client, int port, int uid, long number) {
        try (client) {
            answer(client, port, uid, number);
        } catch (IOException e) {
            LOG.warn("a connection ended early: {}", e.toString());
        } finally {
            idleSince = Instant.now();
            sessions.decrementAndGet();
        }
    }

    private void answer(Socket client, int port, int uid, long number) throws IOException {
        client.setSoTimeout(REQUEST_TIMEOUT_MILLIS);
        OutputStream out = client.getOutputStream();
        Optional<Integer> peer = LaunchingProcess.uidOfLoopbackSocket(client.getPort(), port);
        if (!client.getInetAddress().isLoopbackAddress() || peer.isEmpty() || peer.get() != uid) {
            LOG.warn("refused a connection from {}: not a process of this user", client.getRemoteSocketAddress());
            return;
        }
        String[] request = readLine(client.getInputStream()).split(" ");
        if (request.length == 1 && request[0].equals("stop")) {
            stopRequested = true;
            reply(out, "stopping");
            return;
        }
        if (request.length != 3 || !request[0].equals("session") || !request[1].matches("[0-9]{1,10}")) {
            reply(out, "ERROR unknown request");
            return;
        }
        if (!Path.of(request[2]).toAbsolutePath().normalize().equals(directory)) {
            reply(out, "ERROR this server serves " + directory);
            return;
        }
        try {
            PluginEnvironment environment = LaunchingProcess.environmentOf(Long.parseLong(request[1]), uid);
            LaunchSettings settings = LaunchSettings.fromEnvironment(environment.variables());
            HclogSinks.Sink sink = HclogSinks.Sink.of(environment.variables(), new HclogWriter(out, Clock.systemUTC()));
            LOG.info("session {} for process {} begins", number, request[1]);
            HclogSinks.within(sink, () -> session(client, environment, settings, sink, number))
                    .run();
            LOG.info("session {} ended", number);
        } catch (LaunchException e) {
            // the launcher says this to Terraform and exits, as a plugin process of its own would
            reply(out, "REFUSED " + oneLine(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            // the launcher then runs the provider in a JVM of its own
            LOG.warn("session {} failed to start: {}", number, e.toString());
            reply(out, "ERROR the resident provider could not start a session: " + oneLine(e.toString()));
        }
    }

    /** One Terraform plugin process's worth of serving: from the handshake until Shutdown or the launcher's end. */
    private void session(
            Socket client, PluginEnvironment environment, LaunchSettings settings, HclogSinks.Sink sink, long number) {
        ExecutorService pool = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "plugin-call-" + number);
            thread.setDaemon(true);
            return thread;
        });
        try {
            Provider provider = providers.apply(environment);
            AutoMtls.Prepared tls = settings.tls() ? AutoMtls.prepare(settings.clientCertPem()) : null;
            GrpcPluginServer server = GrpcPluginServer.start(
                    provider,
                    tls == null ? null : tls::context,
                    settings.minPort(),
                    settings.maxPort(),
                    true,
                    task -> pool.execute(HclogSinks.within(sink, task)));
            try {
                reply(client.getOutputStream(), server.handshakeLine(tls == null ? "" : tls.handshakeField()));
                client.setSoTimeout(0);
                Thread launcherWatch = new Thread(
                        () -> {
                            awaitEnd(client);
                            server.stop();
                        },
                        "plugin-launcher-watch-" + number);
                launcherWatch.setDaemon(true);
                launcherWatch.start();
                server.awaitStop();
            } finally {
                // also when the launcher was gone before its handshake: no session's server outlives it
                server.stop();
            }
        } catch (IOException e) {
            LOG.warn("session ended: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Returns when the launcher has closed its end (Terraform killed it) or the connection broke. */
    private static void awaitEnd(Socket client) {
        try {
            InputStream in = client.getInputStream();
            while (in.read() >= 0) {
                // the launcher sends nothing after its request
            }
        } catch (IOException e) {
            // closed: by us at the end of the session, or by the launcher's death
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.size() == MAX_REQUEST_BYTES) {
                throw new IOException("request line too long");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ');
    }

    private void writePortFile(int port) throws IOException {
        Path temporary = Files.createTempFile(directory, "port", ".tmp");
        Files.writeString(temporary, port + "\n");
        Files.move(temporary, directory.resolve("port"), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the port file if it still names this server (a newer server may have replaced it). */
    private void removePortFile(int port) {
        Path file = directory.resolve("port");
        try {
            if (Files.readString(file).strip().equals(Integer.toString(port))) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // gone already
        }
    }

    private void removeDirectory() {
        for (String name : new String[] {"port", "start.lock", "server.log"}) {
            try {
                Files.deleteIfExists(directory.resolve(name));
            } catch (IOException e) {
                // left for the operating system's temporary-file cleaning
            }
        }
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // not empty: something else was put there
        }
    }

    /** What changes when the file is replaced: its modification time, size and inode; null when it is gone. */
    private static Object stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.lastModifiedTime() + "/" + attributes.size() + "/" + attributes.fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(TICK_MILLIS / 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
