package io.nftkeeper.transport;

import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.Proxy;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SocketFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * Carries an SSH connection through a bastion: a direct-tcpip channel of the bastion's session (what
 * {@code ssh -J} does), so the target only has to be reachable from the bastion, never from here.
 */
final class JumpProxy implements Proxy {

    private final Session bastion;
    private ChannelDirectTCPIP channel;
    private InputStream in;
    private OutputStream out;

    JumpProxy(Session bastion) {
        this.bastion = bastion;
    }

    @Override
    public void connect(SocketFactory ignored, String host, int port, int timeoutMillis) throws Exception {
        channel = (ChannelDirectTCPIP) bastion.openChannel("direct-tcpip");
        channel.setHost(host);
        channel.setPort(port);
        in = channel.getInputStream();
        out = channel.getOutputStream();
        channel.connect(timeoutMillis);
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public Socket getSocket() {
        // there is no socket of our own: the bytes travel inside the bastion's connection
        return null;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.disconnect();
        }
    }
}
