package io.nftkeeper.transport;

import com.jcraft.jsch.ChannelDirectStreamLocal;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One authenticated, host-key-verified SSH connection to a target (and, behind it, the connection to its bastion);
 * runs commands and uploads files over it (exec channels only: no sftp subsystem needed).
 */
public final class SshSession implements AutoCloseable {

    private static final int KEEPALIVE_MISSES_BEFORE_DISCONNECT = 3;
    /** Long enough for the agent's runtime (tens of MB) over a slow link. */
    static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);

    private final SshTarget target;
    private final Session session;
    private final Duration channelTimeout;
    private final Optional<SshSession> bastion;

    private SshSession(SshTarget target, Session session, Duration channelTimeout, Optional<SshSession> bastion) {
        this.target = target;
        this.session = session;
        this.channelTimeout = channelTimeout;
        this.bastion = bastion;
    }

    /**
     * Connects (through the target's bastion, if it has one), verifies the host key and authenticates with the
     * target's credentials.
     */
    public static SshSession open(SshTarget target, TransportSettings settings) {
        Optional<SshSession> bastion = target.bastion().map(jumpHost -> openBastion(jumpHost, target, settings));
        try {
            return new SshSession(target, connect(target, settings, bastion), settings.connectTimeout(), bastion);
        } catch (RuntimeException e) {
            bastion.ifPresent(SshSession::close);
            throw e;
        }
    }

    private static SshSession openBastion(SshTarget jumpHost, SshTarget target, TransportSettings settings) {
        try {
            return open(jumpHost, settings);
        } catch (TransportException e) {
            throw new TransportException(
                    "cannot reach " + target.address() + " through its bastion " + jumpHost.address() + ": "
                            + e.getMessage(),
                    e.isTransient(),
                    e);
        }
    }

    private static Session connect(SshTarget target, TransportSettings settings, Optional<SshSession> bastion) {
        HostKeyCheck hostKeyCheck = HostKeyCheck.forTarget(target);
        JSch jsch = new JSch();
        Identities.install(jsch, target);
        Session session;
        AuthInterruption authInterruption;
        try {
            session = jsch.getSession(target.user(), target.host(), target.port());
            authInterruption = new AuthInterruption(session.getLogger());
            session.setLogger(authInterruption);
            session.setHostKeyRepository(hostKeyCheck);
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            hostKeyCheck.expectedKeyType().ifPresent(type -> session.setConfig("server_host_key", type));
            session.setServerAliveInterval(millis(settings.keepAliveInterval()));
            session.setServerAliveCountMax(KEEPALIVE_MISSES_BEFORE_DISCONNECT);
            bastion.ifPresent(jump -> session.setProxy(new JumpProxy(jump.session)));
        } catch (JSchException e) {
            throw new TransportException(
                    "cannot set up an SSH session to " + target.endpoint() + ": " + e.getMessage(), e);
        }
        try {
            session.connect(millis(settings.connectTimeout()));
        } catch (JSchException e) {
            session.disconnect();
            throw hostKeyCheck
                    .rejection()
                    .orElseGet(() -> connectFailure(
                            target,
                            settings.connectTimeout(),
                            bastion.isPresent(),
                            authInterruption.interruption(),
                            e));
        }
        return session;
    }

    public SshTarget target() {
        return target;
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    /** Runs a shell command to completion and collects its output; fails if it runs longer than {@code timeout}. */
    public ExecResult exec(String command, Duration timeout) {
        return exec(command, Optional.empty(), timeout);
    }

    /**
     * Runs a shell command with {@code stdin} as its standard input (closed at its end, then the command's stdin
     * ends); closes {@code stdin}.
     */
    public ExecResult exec(String command, InputStream stdin, Duration timeout) {
        return exec(command, Optional.of(stdin), timeout);
    }

    private ExecResult exec(String command, Optional<InputStream> stdin, Duration timeout) {
        ChannelExec channel = openExec(command);
        // JSch's channel thread copies it and sends EOF when it ends
        stdin.ifPresent(in -> channel.setInputStream(in, false));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        // JSch writes into these from its session thread, so neither stream can stall the other
        channel.setOutputStream(stdout);
        channel.setErrStream(stderr);
        try {
            channel.connect(millis(channelTimeout));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!channel.isClosed()) {
                if (System.nanoTime() > deadline) {
                    throw new TransportException("a command on " + target.address() + " did not finish within "
                            + readable(timeout) + ": " + command);
                }
                Thread.sleep(10);
            }
            return new ExecResult(
                    channel.getExitStatus(),
                    stdout.toString(StandardCharsets.UTF_8),
                    stderr.toString(StandardCharsets.UTF_8));
        } catch (JSchException e) {
            throw channelFailure("run a command", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while running a command on " + target.address(), e);
        } finally {
            channel.disconnect();
        }
    }

    /** Starts a long-running command whose stdin, stdout and stderr the caller drives. */
    public RemoteProcess start(String command) {
        ChannelExec channel = openExec(command);
        try {
            InputStream stdout = channel.getInputStream();
            InputStream stderr = channel.getExtInputStream();
            OutputStream stdin = channel.getOutputStream();
            channel.connect(millis(channelTimeout));
            return new RemoteProcess(channel, stdin, stdout, stderr);
        } catch (IOException | JSchException e) {
            channel.disconnect();
            throw channelFailure("start a command", e);
        }
    }

    /**
     * Connects to the Unix socket {@code path} on the host through sshd ({@code direct-streamlocal@openssh.com}): no
     * process starts on the host.
     *
     * @throws SocketRefused when nothing listens there, or sshd forbids it ({@code AllowStreamLocalForwarding no}):
     *                       sshd answers both alike
     */
    RemoteSocket connectSocket(String path) {
        ChannelDirectStreamLocal channel;
        try {
            channel = (ChannelDirectStreamLocal) session.openChannel("direct-streamlocal@openssh.com");
            channel.setSocketPath(path);
        } catch (JSchException e) {
            throw channelFailure("open a socket channel", e);
        }
        try {
            InputStream fromSocket = channel.getInputStream();
            OutputStream toSocket = channel.getOutputStream();
            channel.connect(millis(channelTimeout));
            return new RemoteSocket(channel, fromSocket, toSocket);
        } catch (IOException | JSchException e) {
            channel.disconnect();
            if (!session.isConnected()) {
                throw new TransportException("the SSH connection to " + target.endpoint() + " was lost", true, e);
            }
            // OpenSSH answers "connect failed" alike when nothing listens and when forwarding is forbidden
            throw new SocketRefused(
                    "sshd on " + target.endpoint() + " did not connect to " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code content} to {@code remotePath} (created or truncated) through {@code cat} on an exec channel:
     * it needs no sftp subsystem in sshd, and it was as fast as SFTP for the agent jar and its runtime.
     */
    public void upload(byte[] content, String remotePath) {
        ExecResult result =
                exec("cat > " + ShellQuote.quote(remotePath), new ByteArrayInputStream(content), UPLOAD_TIMEOUT);
        if (!result.succeeded()) {
            throw new TransportException("uploading " + remotePath + " to " + target.address() + " failed (exit "
                    + result.exitStatus() + "): " + result.stderr().strip());
        }
    }

    @Override
    public void close() {
        session.disconnect();
        bastion.ifPresent(SshSession::close);
    }

    private ChannelExec openExec(String command) {
        try {
            ChannelExec channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command);
            return channel;
        } catch (JSchException e) {
            throw channelFailure("open a channel", e);
        }
    }

    private TransportException channelFailure(String action, Exception e) {
        if (!session.isConnected()) {
            return new TransportException("the SSH connection to " + target.endpoint() + " was lost", true, e);
        }
        return new TransportException("cannot " + action + " on " + target.endpoint() + ": " + e.getMessage(), e);
    }

    static TransportException connectFailure(
            SshTarget target,
            Duration timeout,
            boolean viaBastion,
            Optional<Throwable> authInterruption,
            JSchException e) {
        String message = String.valueOf(e.getMessage());
        Throwable cause = e.getCause();
        if (message.startsWith("Algorithm negotiation fail") && message.contains("server_host_key")) {
            // the pinned key's type is not among the server's host keys: a host key failure, final like the others
            return TransportException.hostKeyRefused(
                    "host key verification failed for " + target.address()
                            + ": the server has no host key of the pinned type (" + message + "). If the host was "
                            + "reinstalled, update its host key; otherwise the connection may be intercepted.",
                    e);
        }
        if (message.startsWith("Auth fail") && authInterruption.isPresent()) {
            // not the server's verdict on the key: the connection broke mid-way, so another login may well succeed
            return new TransportException(
                    "the SSH connection to " + target.endpoint() + " was lost during authentication ("
                            + authInterruption.get().getMessage() + ")",
                    true,
                    e);
        }
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
            return new TransportException(
                    "SSH authentication to " + target.endpoint() + " failed: the server rejected "
                            + Identities.describe(target.credentials()),
                    e);
        }
        if (viaBastion && message.contains("channel is not opened")) {
            return new TransportException(
                    "cannot reach " + target.address() + " through its bastion "
                            + target.bastion().orElseThrow().address()
                            + ": the bastion could not open a connection to it "
                            + "(is sshd running there, and does the bastion's sshd allow TCP forwarding?)",
                    true,
                    e);
        }
        if (cause instanceof UnknownHostException) {
            return new TransportException("cannot reach " + target.address() + ": unknown host " + target.host(), e);
        }
        if (cause instanceof SocketTimeoutException
                || message.toLowerCase(Locale.ROOT).contains("timeout")) {
            // not worth another attempt: the caller has already waited the whole timeout once
            return new TransportException(
                    "cannot reach " + target.address() + ": no answer within " + readable(timeout), e);
        }
        if (cause instanceof SocketException) {
            // refused, no route, unreachable network, blackholed address ("Invalid argument"): the kernel's words
            return new TransportException("cannot reach " + target.address() + ": " + cause.getMessage(), true, e);
        }
        return new TransportException("SSH connection to " + target.endpoint() + " failed: " + message, true, e);
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static int millis(Duration duration) {
        return Math.toIntExact(duration.toMillis());
    }
}
