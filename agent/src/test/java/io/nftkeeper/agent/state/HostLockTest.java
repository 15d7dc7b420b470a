package io.nftkeeper.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // locks are held for try blocks whose resource is never read
class HostLockTest {

    private static final Instant NOON = Instant.parse("2024-05-01T12:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void theHolderWritesItsPidAndTimeIntoAPrivateLockFile() throws Exception {
        try (HostLock.Held held = new HostLock(stateDir, Clock.fixed(NOON, ZoneOffset.UTC)).acquire(Duration.ZERO)) {
            Path file = stateDir.resolve("host.lock");
            assertThat(Files.readString(file)).isEqualTo(ProcessHandle.current().pid() + " 2024-05-01T12:00:00Z\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aSecondAcquirerGivesUpAfterItsTimeoutNamingTheHolder() {
        HostLock holder = new HostLock(stateDir, Clock.fixed(NOON, ZoneOffset.UTC));
        try (HostLock.Held held = holder.acquire(Duration.ZERO)) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> new HostLock(stateDir).acquire(Duration.ofMillis(200)))
                    .asInstanceOf(type(AgentException.class))
                    .satisfies(e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LOCKED);
                        assertThat(e.getMessage())
                                .startsWith("another nftkeeper apply holds the host lock (pid "
                                        + ProcessHandle.current().pid() + ") since 2024-05-01T12:00:00Z; gave up after "
                                        + "waiting 200 ms");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void aWaiterGetsTheLockOnceTheHolderReleasesIt() throws Exception {
        HostLock waiter = new HostLock(stateDir);
        CompletableFuture<Void> waited;
        try (HostLock.Held held = new HostLock(stateDir).acquire(Duration.ZERO)) {
            waited = new CompletableFuture<>();
            Thread waiting = new Thread(() -> {
                try {
                    waiter.acquire(Duration.ofSeconds(10)).close();
                    waited.complete(null);
                } catch (RuntimeException e) {
                    waited.completeExceptionally(e);
                }
            });
            waiting.start();
            // it found the lock held and sleeps between attempts
            awaitTimedWaiting(waiting);
            assertThat(waited).isNotDone();
        }
        waited.get(10, TimeUnit.SECONDS);
    }

    @Test
    void oneLockCanBeTakenAgainAfterRelease() {
        HostLock lock = new HostLock(stateDir);
        lock.acquire(Duration.ZERO).close();
        lock.acquire(Duration.ZERO).close();
    }

    @Test
    void theHoldersLineReplacesALongerEarlierLineWhole() throws Exception {
        Path file = stateDir.resolve("host.lock");
        Files.writeString(file, "4194304999 2024-04-30T23:59:59.123456789Z and some more\n");

        try (HostLock.Held held = new HostLock(stateDir, Clock.fixed(NOON, ZoneOffset.UTC)).acquire(Duration.ZERO)) {
            assertThat(Files.readString(file)).isEqualTo(ProcessHandle.current().pid() + " 2024-05-01T12:00:00Z\n");
        }
    }

    private static void awaitTimedWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.TIMED_WAITING);
    }
}
