package io.nftkeeper.agent.state;

import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps baseline recording off the apply's critical path without ever letting drift compare against a stale
 * baseline. Listing a table after a change costs far more than the change itself (0.3 ms for a rule, then 2 ms to
 * list and store its table; 0.3 s for a 100k-element set, then 0.8 s), so an apply only sets the touched tables'
 * baselines aside before it commits and remembers them here; the new listings are recorded once the agent has been
 * idle for {@link #QUIET} (a burst of applies is listed once), at the latest {@link #MAX_DELAY} after the first
 * change, before any drift or adopt, and before the agent exits. Recording takes the host lock and lists the live
 * table, so a concurrent agent's later change is never overwritten by an older listing.
 *
 * <p>Not thread-safe: used by the request thread only.
 */
public final class StaleBaselines {

    public static final Duration QUIET = Duration.ofMillis(20);
    static final Duration MAX_DELAY = Duration.ofSeconds(1);
    /** When idle: another agent's apply holds the lock, so try again later rather than wait. */
    private static final Duration IDLE_LOCK_WAIT = Duration.ofMillis(50);

    private static final Logger LOG = LoggerFactory.getLogger(StaleBaselines.class);

    private final BaselineRecorder recorder;
    private final BaselineStore store;
    private final OwnershipRegistry registry;
    private final HostLock lock;
    private final LongSupplier nanoClock;
    private final Set<TableRef> stale = new TreeSet<>();
    private long firstChange;
    private long lastChange;

    public StaleBaselines(BaselineRecorder recorder, BaselineStore store, OwnershipRegistry registry, HostLock lock) {
        this(recorder, store, registry, lock, System::nanoTime);
    }

    StaleBaselines(
            BaselineRecorder recorder,
            BaselineStore store,
            OwnershipRegistry registry,
            HostLock lock,
            LongSupplier nanoClock) {
        this.recorder = recorder;
        this.store = store;
        this.registry = registry;
        this.lock = lock;
        this.nanoClock = nanoClock;
    }

    /** Under the host lock, before the batch runs: nobody may compare against these baselines any more. */
    public void beforeCommit(Set<TableRef> touched) {
        touched.forEach(store::setAside);
    }

    /** Under the host lock, after the batch was refused: nothing changed, so the baselines hold again. */
    public void refused(Set<TableRef> touched) {
        touched.forEach(store::putBack);
    }

    /** Under the host lock, after the commit: tables no longer managed lose their baseline now, the rest later. */
    public void committed(Set<TableRef> touched, Set<TableRef> managedAfter) {
        long now = nanoClock.getAsLong();
        for (TableRef table : touched) {
            if (managedAfter.contains(table)) {
                if (stale.isEmpty()) {
                    firstChange = now;
                }
                stale.add(table);
            } else {
                stale.remove(table);
                recorder.forget(table);
            }
        }
        lastChange = now;
    }

    /** Nanoseconds until {@link #recordIfDue()} has work, {@link Long#MAX_VALUE} when nothing is stale. */
    public long nanosUntilDue() {
        if (stale.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long due = Math.min(lastChange + QUIET.toNanos(), firstChange + MAX_DELAY.toNanos());
        return Math.max(0, due - nanoClock.getAsLong());
    }

    /** Records the stale baselines if the agent has been quiet long enough, or they waited too long. */
    public void recordIfDue() {
        if (!stale.isEmpty() && nanosUntilDue() == 0) {
            record(IDLE_LOCK_WAIT);
        }
    }

    /** Records every stale baseline now (before drift, adopt, exit), waiting up to {@code lockWait} for the lock. */
    public void recordNow(Duration lockWait) {
        if (!stale.isEmpty()) {
            record(lockWait);
        }
    }

    @SuppressWarnings("try") // the host lock is held for the try block: the resource is never read, only closed
    private void record(Duration lockWait) {
        long started = nanoClock.getAsLong();
        try (HostLock.Held held = lock.acquire(lockWait)) {
            Set<TableRef> managed = registry.managed();
            for (TableRef table : stale) {
                // another agent may have deleted or released the table since: then it has no baseline
                if (managed.contains(table)) {
                    recorder.record(table);
                } else {
                    recorder.forget(table);
                }
            }
            LOG.debug("recorded the baselines of {} in {} ms", stale, (nanoClock.getAsLong() - started) / 1_000_000);
            stale.clear();
        } catch (NftkeeperException e) {
            // e.g. LOCKED while another agent applies: the baselines stay set aside (drift says no_baseline) and
            // recording is tried again later
            if (e instanceof AgentException locked && locked.code() == ErrorCode.LOCKED) {
                LOG.debug("baselines of {} not recorded yet: {}", stale, e.getMessage());
            } else {
                LOG.warn("could not record the baselines of {} yet: {}", stale, e.getMessage());
            }
            lastChange = nanoClock.getAsLong();
            firstChange = lastChange;
        }
    }
}
