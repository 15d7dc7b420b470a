package io.nftkeeper.transport;

import com.jcraft.jsch.ChannelDirectStreamLocal;
import java.io.InputStream;
import java.io.OutputStream;

/** A connection to a Unix socket on a host, forwarded by its sshd over an SSH session that is already open. */
final class RemoteSocket implements AutoCloseable {

    private final ChannelDirectStreamLocal channel;
    private final InputStream in;
    private final OutputStream out;

    RemoteSocket(ChannelDirectStreamLocal channel, InputStream in, OutputStream out) {
        this.channel = channel;
        this.in = in;
        this.out = out;
    }

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    /** True until either side closed the connection. */
    boolean isOpen() {
        return !channel.isClosed() && !channel.isEOF();
    }

    @Override
    public void close() {
        channel.disconnect();
    }
}
