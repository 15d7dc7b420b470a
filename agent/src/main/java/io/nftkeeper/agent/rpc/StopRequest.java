package io.nftkeeper.agent.rpc;

import io.nftkeeper.protocol.wire.WireProtocol;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code stop} to the resident agent at a socket and reads its answer: by hand ({@code agent.jar stop}), and
 * from a new build to the older builds' agents next to it, which then drain and exit.
 */
public final class StopRequest {

    private static final Logger LOG = LoggerFactory.getLogger(StopRequest.class);
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(10);
    private static final byte[] REQUEST =
            ("{\"id\":1,\"method\":\"" + WireProtocol.STOP + "\",\"params\":{}}\n").getBytes(StandardCharsets.UTF_8);

    private StopRequest() {}

    /** @return the agent's answer line (a JSON response) */
    public static String send(Path socket) throws IOException {
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stop-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            // a blocking read has no timeout of its own: closing the channel ends it
            watchdog.schedule(() -> closeQuietly(channel), ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            ChannelStreams.out(channel).write(REQUEST);
            byte[] answer = new ByteLines(ChannelStreams.in(channel)).next();
            if (answer == null) {
                throw new IOException("the agent at " + socket + " closed the connection without answering");
            }
            return new String(answer, StandardCharsets.UTF_8);
        } finally {
            watchdog.shutdownNow();
        }
    }

    /**
     * Asks every other agent whose socket is in the directory of {@code ownSocket} ({@code agent-*.sock}: other
     * builds) to drain. One that does not answer is left alone: it exits at its idle timeout.
     */
    static void drainOthers(Path ownSocket) {
        Path directory = ownSocket.toAbsolutePath().getParent();
        try (DirectoryStream<Path> sockets = Files.newDirectoryStream(directory, "agent-*.sock")) {
            for (Path socket : sockets) {
                if (socket.getFileName().equals(ownSocket.getFileName())) {
                    continue;
                }
                try {
                    String answer = send(socket);
                    LOG.info("asked the agent at {} to drain and exit: {}", socket, answer);
                } catch (IOException e) {
                    LOG.info("no agent answered at {} ({}); leaving it", socket, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot look for older agents in {}: {}", directory, e.getMessage());
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
