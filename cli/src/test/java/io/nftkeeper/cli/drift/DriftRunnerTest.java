package io.nftkeeper.cli.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DriftRunnerTest {

    private static List<HostCheck> hosts(int n) {
        List<HostCheck> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hosts.add(Fixtures.host("h" + i));
        }
        return hosts;
    }

    @Test
    void neverChecksMoreHostsAtOnceThanTheParallelismAllows() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        HostChecker slow = host -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(30);
            running.decrementAndGet();
            return Fixtures.clean();
        };

        DriftReport report =
                new DriftRunner(slow, 3, Duration.ofSeconds(10), Clock.systemUTC()).run(hosts(12), Progress.NONE);

        assertThat(report.hosts()).hasSize(12).allMatch(h -> h.status() == HostStatus.CLEAN);
        assertThat(mostAtOnce.get()).isEqualTo(3);
    }

    @Test
    void checksHostsSideBySideSoTheRunTakesAboutAsLongAsTheSlowestHost() {
        CountDownLatch allStarted = new CountDownLatch(8);
        HostChecker waitsForTheOthers = host -> {
            allStarted.countDown();
            await(allStarted);
            return Fixtures.clean();
        };

        DriftReport report = new DriftRunner(waitsForTheOthers, 8, Duration.ofSeconds(10), Clock.systemUTC())
                .run(hosts(8), Progress.NONE);

        assertThat(report.exitCode()).isZero();
    }

    @Test
    void aFailingHostIsAnErrorForThatHostOnly() {
        HostChecker oneUnreachable = host -> {
            if (host.host().equals("h1")) {
                throw new IllegalStateException("cannot reach h1:22: No route to host");
            }
            return host.host().equals("h2") ? Fixtures.drifted(Fixtures.CHAIN_ADDED) : Fixtures.clean();
        };

        DriftReport report = new DriftRunner(oneUnreachable, 4, Duration.ofSeconds(10), Clock.systemUTC())
                .run(hosts(4), Progress.NONE);

        assertThat(report.hosts()).extracting(HostOutcome::host).containsExactly("h0", "h1", "h2", "h3");
        assertThat(report.hosts())
                .extracting(HostOutcome::status)
                .containsExactly(HostStatus.CLEAN, HostStatus.ERROR, HostStatus.DRIFTED, HostStatus.CLEAN);
        assertThat(((HostOutcome.Failed) report.hosts().get(1)).error()).contains("No route to host");
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void anAgentErrorNamesItsCode() {
        HostChecker refuses = host -> {
            throw new AgentException(ErrorCode.NOT_OWNED, "table inet web", "table inet web is not managed");
        };

        DriftReport report =
                new DriftRunner(refuses, 1, Duration.ofSeconds(10), Clock.systemUTC()).run(hosts(1), Progress.NONE);

        assertThat(((HostOutcome.Failed) report.hosts().get(0)).error())
                .contains("not managed")
                .contains("NOT_OWNED");
    }

    @Test
    void aHostThatHangsPastItsTimeoutIsAnErrorAndDoesNotHoldUpTheRun() {
        HostChecker hangsOnH0 = host -> {
            if (host.host().equals("h0")) {
                sleep(60_000);
            }
            return Fixtures.clean();
        };

        long start = System.nanoTime();
        DriftReport report =
                new DriftRunner(hangsOnH0, 2, Duration.ofMillis(300), Clock.systemUTC()).run(hosts(3), Progress.NONE);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(report.hosts().get(0)).isInstanceOf(HostOutcome.Failed.class);
        assertThat(((HostOutcome.Failed) report.hosts().get(0)).error()).contains("no answer within 300 ms");
        assertThat(report.hosts().subList(1, 3)).allMatch(h -> h.status() == HostStatus.CLEAN);
    }

    @Test
    void reportsProgressOncePerHost() {
        List<Integer> done = new CopyOnWriteArrayList<>();

        new DriftRunner(host -> Fixtures.clean(), 4, Duration.ofSeconds(10), Clock.systemUTC())
                .run(hosts(5), (outcome, count, total) -> done.add(count));

        assertThat(done).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void exitCodesAreZeroCleanTwoDriftOneErrorAndErrorWins() {
        assertThat(Fixtures.report(Fixtures.checked("a", Fixtures.clean())).exitCode())
                .isZero();
        assertThat(Fixtures.report(Fixtures.checked("a", Fixtures.missing())).exitCode())
                .isEqualTo(2);
        assertThat(Fixtures.mixed().exitCode()).isEqualTo(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the hosts were not checked side by side");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
