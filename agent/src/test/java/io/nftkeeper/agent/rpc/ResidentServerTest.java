package io.nftkeeper.agent.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.agent.nft.FakeNftables;
import io.nftkeeper.agent.state.OwnershipRegistry;
import io.nftkeeper.agent.state.StateDirectory;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentClient;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resident agent's socket server against the fake nftables, as this (unprivileged) user. */
class ResidentServerTest {

    @TempDir
    Path temp;

    private final FakeNftables nft = new FakeNftables();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Thread serving;
    private ResidentFiles lastFiles;

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        if (serving != null) {
            // it records baselines as it ends: let it finish before the temporary directory goes
            serving.interrupt();
            serving.join(10_000);
        }
    }

    @Test
    void severalClientsAtOnceAreServedBySessionsOfOneAgentAndNoChangeIsLost() throws Exception {
        Path socket = start(Duration.ZERO);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> applies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String table = "t" + i;
                applies.add(clients.submit(() -> {
                    AgentClient client = connect(socket);
                    client.hello("client-" + table);
                    client.apply(Transaction.builder()
                            .add(new Table(Family.INET, table))
                            .build());
                    return null;
                }));
            }
            for (Future<?> apply : applies) {
                apply.get(30, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(new OwnershipRegistry(temp.resolve("state")).managed())
                .containsExactlyInAnyOrder(
                        new TableRef(Family.INET, "t0"),
                        new TableRef(Family.INET, "t1"),
                        new TableRef(Family.INET, "t2"),
                        new TableRef(Family.INET, "t3"));
        assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(socket.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.readString(ResidentFiles.sibling(socket, ".pid")).strip())
                .isEqualTo(String.valueOf(ProcessHandle.current().pid()));
    }

    @Test
    void stopDrainsOpenSessionsAcceptsNoNewOneAndExitsWhenTheLastEnds() throws Exception {
        Path socket = start(Duration.ZERO);
        AgentClient first = connect(socket);
        AgentClient stopper = connect(socket);
        first.hello("first");

        stopper.stop();

        assertThat(socket).doesNotExist();
        assertThatThrownBy(() -> rawConnect(socket)).isInstanceOf(IOException.class);
        // the open session is still served
        assertThat(first.listAll().tables()).isEmpty();
        assertThat(serving.isAlive()).isTrue();
        stopper.close();
        first.close();
        serving.join(10_000);
        assertThat(serving.isAlive()).isFalse();
    }

    @Test
    void withoutClientsTheAgentExitsAfterItsIdleTimeout() throws Exception {
        Path socket = start(Duration.ofMillis(300));
        connect(socket).hello("short");
        toClose.forEach(ResidentServerTest::closeQuietly);

        serving.join(10_000);

        assertThat(serving.isAlive()).isFalse();
        assertThat(socket).doesNotExist();
        assertThat(ResidentFiles.sibling(socket, ".pid")).doesNotExist();
    }

    @Test
    void aDrainedAgentLeavesTheFilesOfTheAgentThatTookItsPathAlone() throws Exception {
        Path socket = start(Duration.ZERO);
        connect(socket).stop();
        toClose.forEach(ResidentServerTest::closeQuietly);
        serving.join(10_000);
        assertThat(serving.isAlive()).isFalse();
        ResidentFiles drained = lastFiles;

        Path next = start(Duration.ZERO);
        drained.close();

        assertThat(next).isEqualTo(socket).exists();
        assertThat(ResidentFiles.sibling(next, ".pid")).exists();
        assertThat(connect(next).hello("next").protocolVersion()).isEqualTo(1);
    }

    @Test
    void aSecondAgentForTheSameSocketFindsItServedAlready() throws Exception {
        Path socket = start(Duration.ZERO);

        assertThat(ResidentFiles.claim(socket, Optional.empty())).isEmpty();
        assertThat(connect(socket).hello("still").protocolVersion()).isEqualTo(1);
    }

    @Test
    void peersOtherThanRootOrTheAgentsUserOrTheSocketGroupAreRefused() throws IOException {
        Path groupFile = temp.resolve("group");
        Files.writeString(groupFile, "nftkeeper:x:990:deploy,ops\nusers:x:100:\n");
        PeerPolicy rootOnly = new PeerPolicy("root", Optional.empty(), groupFile);
        PeerPolicy withGroup = new PeerPolicy("root", Optional.of("nftkeeper"), groupFile);

        assertThat(rootOnly.allows("root", "root")).isTrue();
        assertThat(rootOnly.allows("deploy", "nftkeeper")).isFalse();
        assertThat(withGroup.allows("deploy", "users")).isTrue();
        assertThat(withGroup.allows("backup", "nftkeeper")).isTrue();
        assertThat(withGroup.allows("mallory", "users")).isFalse();
    }

    private Path start(Duration idleTimeout) throws InterruptedException {
        Path socket = temp.resolve("run").resolve("agent-test.sock");
        ResidentFiles files = ResidentFiles.claim(socket, Optional.empty()).orElseThrow();
        lastFiles = files;
        Dispatcher dispatcher = new Dispatcher("0.1.0", "host1", nft, StateDirectory.prepare(temp.resolve("state")));
        ResidentServer server = new ResidentServer(dispatcher, files, PeerPolicy.of(Optional.empty()), idleTimeout);
        serving = new Thread(
                () -> {
                    try {
                        server.serve();
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    } finally {
                        files.close();
                    }
                },
                "resident-under-test");
        serving.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(ResidentFiles.sibling(socket, ".pid")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return socket;
    }

    private AgentClient connect(Path socket) throws IOException {
        SocketChannel channel = rawConnect(socket);
        AgentClient client =
                new AgentClient(ChannelStreams.in(channel), ChannelStreams.out(channel), Duration.ofSeconds(20));
        toClose.add(client);
        toClose.add(channel);
        return client;
    }

    private static SocketChannel rawConnect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closed already
        }
    }
}
