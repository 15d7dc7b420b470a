package io.nftkeeper.cli.drift;

import io.nftkeeper.cli.Durations;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.DriftResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks many hosts at once, at most {@code parallelism} at a time, each within {@code timeout}. A host that fails
 * or times out is reported as such and never stops the others.
 */
public final class DriftRunner {

    private final HostChecker checker;
    private final int parallelism;
    private final Duration timeout;
    private final Clock clock;

    public DriftRunner(HostChecker checker, int parallelism, Duration timeout, Clock clock) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.checker = checker;
        this.parallelism = parallelism;
        this.timeout = timeout;
        this.clock = clock;
    }

    public DriftReport run(List<HostCheck> hosts, Progress progress) {
        Instant startedAt = clock.instant();
        long startNanos = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(
                Math.max(1, Math.min(parallelism, hosts.size())), daemonThreads("nftkeeper-drift-"));
        ScheduledExecutorService alarms =
                Executors.newSingleThreadScheduledExecutor(daemonThreads("nftkeeper-timeout-"));
        try {
            AtomicInteger done = new AtomicInteger();
            List<CompletableFuture<HostOutcome>> outcomes = new ArrayList<>();
            for (HostCheck host : hosts) {
                CompletableFuture<HostOutcome> outcome = new CompletableFuture<>();
                outcome.thenAccept(finished -> progress.finished(finished, done.incrementAndGet(), hosts.size()));
                workers.execute(() -> checkOne(host, outcome, alarms));
                outcomes.add(outcome);
            }
            List<HostOutcome> results =
                    outcomes.stream().map(CompletableFuture::join).toList();
            return new DriftReport(startedAt, Duration.ofNanos(System.nanoTime() - startNanos), results);
        } finally {
            // a host stuck past its timeout keeps its (daemon) worker; nobody waits for it
            workers.shutdownNow();
            alarms.shutdownNow();
        }
    }

    private void checkOne(HostCheck host, CompletableFuture<HostOutcome> outcome, ScheduledExecutorService alarms) {
        long start = System.nanoTime();
        Thread worker = Thread.currentThread();
        ScheduledFuture<?> alarm = alarms.schedule(
                () -> {
                    if (outcome.complete(new HostOutcome.Failed(
                            host,
                            "no answer within " + Durations.format(timeout) + " (per-host timeout)",
                            since(start)))) {
                        worker.interrupt();
                    }
                },
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
        try {
            DriftResult result = checker.check(host);
            outcome.complete(new HostOutcome.Checked(host, result, since(start)));
        } catch (RuntimeException e) {
            outcome.complete(new HostOutcome.Failed(host, describe(e), since(start)));
        } finally {
            alarm.cancel(false);
        }
    }

    private static String describe(RuntimeException e) {
        if (e instanceof AgentException agent) {
            return "the agent refused: " + agent.getMessage() + " (" + agent.code() + ")";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
