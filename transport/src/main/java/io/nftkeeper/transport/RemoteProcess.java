package io.nftkeeper.transport;

import com.jcraft.jsch.ChannelExec;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.OptionalInt;

/** A command running on a host over an SSH exec channel, with its three standard streams. */
public final class RemoteProcess implements AutoCloseable {

    private final ChannelExec channel;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final InputStream stderr;

    RemoteProcess(ChannelExec channel, OutputStream stdin, InputStream stdout, InputStream stderr) {
        this.channel = channel;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public OutputStream stdin() {
        return stdin;
    }

    public InputStream stdout() {
        return stdout;
    }

    public InputStream stderr() {
        return stderr;
    }

    /** True until the remote side closed the channel (the command exited or the connection dropped). */
    public boolean isRunning() {
        return !channel.isClosed();
    }

    /** Waits at most {@code wait} for the remote side to close the channel; true once it did. */
    public boolean awaitEnd(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (isRunning() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return !isRunning();
    }

    /**
     * The command's exit status once it exited; empty while it runs, and when it ended without one: killed by a
     * signal (sshd reports a signal, not a status) or cut off by a dropped connection.
     */
    public OptionalInt exitStatus() {
        int status = channel.getExitStatus();
        return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** Drops the channel; the remote command sees its stdin and stdout close. */
    @Override
    public void close() {
        channel.disconnect();
    }
}
