package io.nftkeeper.provider.transport;

import com.jcraft.jsch.ChannelExec;
import java.io.InputStream;
import java.io.OutputStream;

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

    /** Drops the channel; the remote command sees its stdin and stdout close. */
    @Override
    public void close() {
        channel.disconnect();
    }
}
