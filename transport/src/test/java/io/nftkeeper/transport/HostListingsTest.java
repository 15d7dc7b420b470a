package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.ListResult;
import io.nftkeeper.protocol.wire.TableListing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostListingsTest {

    private static final TableRef WEB = new TableRef(Family.INET, "web");
    private static final TableRef NAT = new TableRef(Family.IP, "nat");

    private final HostListings listings = new HostListings();
    private final List<List<TableRef>> fetches = new CopyOnWriteArrayList<>();
    private final List<Thread> readers = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(10, task -> {
        Thread reader = new Thread(task);
        readers.add(reader);
        return reader;
    });

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void tenConcurrentReadsOfATableCostOneFetch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(10);
        List<Future<ListResult>> reads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            reads.add(threads.submit(() -> {
                started.countDown();
                return listings.list(List.of(WEB), tables -> answerWhen(release, tables));
            }));
        }
        started.await(5, TimeUnit.SECONDS);
        awaitFetches(1);
        awaitReadersBlocked(10);
        release.countDown();

        for (Future<ListResult> read : reads) {
            assertThat(read.get(5, TimeUnit.SECONDS).tables())
                    .extracting(TableListing::name)
                    .containsExactly("web");
        }
        assertThat(fetches).containsExactly(List.of(WEB));
    }

    @Test
    void aCachedTableIsNotFetchedAgain() {
        listings.list(List.of(WEB), this::answer);
        listings.list(List.of(WEB), this::answer);

        assertThat(fetches).hasSize(1);
    }

    @Test
    void afterInvalidationTheNextReadFetchesAfresh() {
        listings.list(List.of(WEB), this::answer);
        listings.invalidate();
        listings.list(List.of(WEB), this::answer);

        assertThat(fetches).containsExactly(List.of(WEB), List.of(WEB));
    }

    @Test
    void aFetchRunningWhenInvalidatedAnswersItsCallersButNoLaterOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<ListResult> before =
                threads.submit(() -> listings.list(List.of(WEB), tables -> answerWhen(release, tables)));
        awaitFetches(1);
        listings.invalidate();
        listings.list(List.of(WEB), this::answer);
        release.countDown();

        assertThat(before.get(5, TimeUnit.SECONDS).tables()).hasSize(1);
        assertThat(fetches).hasSize(2);
    }

    @Test
    void aChangesReadBackIsWhatTheNextReadGets() {
        listings.list(List.of(WEB), this::answer);
        long change = listings.beginChange();
        listings.changed(change, listingsOf(List.of(WEB)).tables());

        listings.list(List.of(WEB), this::answer);

        assertThat(fetches).containsExactly(List.of(WEB));
    }

    @Test
    void aReadBackIsDroppedWhenAnotherChangeBeganMeanwhile() {
        long first = listings.beginChange();
        long second = listings.beginChange();
        listings.changed(first, listingsOf(List.of(WEB)).tables());
        listings.list(List.of(WEB), this::answer);
        listings.changed(second, List.of());
        listings.list(List.of(WEB), this::answer);

        assertThat(fetches).containsExactly(List.of(WEB), List.of(WEB));
    }

    /**
     * Two applies at once: the one begun later can end first, with a read-back the host took before the earlier one
     * committed (the host orders them by its lock, not by when they began). That read-back must not be kept.
     */
    @Test
    void aReadBackIsDroppedWhileAnEarlierChangeIsStillUnderWay() {
        long first = listings.beginChange();
        long second = listings.beginChange();
        listings.changed(second, listingsOf(List.of(WEB)).tables());
        listings.list(List.of(WEB), this::answer);
        listings.changed(first, List.of());
        listings.list(List.of(WEB), this::answer);

        assertThat(fetches).containsExactly(List.of(WEB), List.of(WEB));
    }

    /**
     * Two applies at once whose answers arrive in the other order than the host ran them: the one begun later ends
     * last, with a read-back the host took before the earlier-begun one committed. It must not be kept either.
     */
    @Test
    void aReadBackIsDroppedWhenAnotherChangeOverlappedItThoughThatOneEndedFirst() {
        long first = listings.beginChange();
        long second = listings.beginChange();
        listings.changed(first, List.of());
        listings.changed(second, listingsOf(List.of(WEB)).tables());

        listings.list(List.of(WEB), this::answer);

        assertThat(fetches).containsExactly(List.of(WEB));
    }

    @Test
    void aReadBackIsKeptOnceEveryEarlierChangeEnded() {
        long first = listings.beginChange();
        listings.changed(first, List.of());
        long second = listings.beginChange();
        listings.changed(second, listingsOf(List.of(WEB)).tables());

        listings.list(List.of(WEB), this::answer);

        assertThat(fetches).isEmpty();
    }

    @Test
    void aReadBackIsDroppedWhenTheListingsWereInvalidatedMeanwhile() {
        long change = listings.beginChange();
        listings.invalidate();
        listings.changed(change, listingsOf(List.of(WEB)).tables());

        listings.list(List.of(WEB), this::answer);

        assertThat(fetches).containsExactly(List.of(WEB));
    }

    @Test
    void onlyTheTablesNotCachedAreFetchedAndTogether() {
        listings.list(List.of(WEB), this::answer);
        ListResult result = listings.list(List.of(NAT, WEB, new TableRef(Family.IP6, "v6")), this::answer);

        assertThat(result.tables()).extracting(TableListing::name).containsExactly("nat", "web", "v6");
        assertThat(fetches).containsExactly(List.of(WEB), List.of(NAT, new TableRef(Family.IP6, "v6")));
    }

    @Test
    void aTableAskedForTwiceInOneRequestIsFetchedOnce() {
        ListResult result = listings.list(List.of(WEB, WEB), this::answer);

        assertThat(result.tables()).hasSize(2);
        assertThat(fetches).containsExactly(List.of(WEB));
    }

    @Test
    void aFailedFetchIsReportedAndNotKept() {
        AgentException down = new AgentException(ErrorCode.UNAVAILABLE, null, "the agent connection closed");

        assertThatThrownBy(() -> listings.list(List.of(WEB), tables -> {
                    fetches.add(tables);
                    throw down;
                }))
                .isSameAs(down);
        listings.list(List.of(WEB), this::answer);

        assertThat(fetches).hasSize(2);
    }

    @Test
    void anAnswerWithTheWrongNumberOfListingsIsAnIncompatibleAgent() {
        assertThatThrownBy(() -> listings.list(List.of(WEB, NAT), tables -> answer(List.of(WEB))))
                .isInstanceOfSatisfying(
                        AgentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INCOMPATIBLE))
                .hasMessage("the agent answered a list of 2 tables with 1 listings");
    }

    private ListResult answer(List<TableRef> tables) {
        fetches.add(tables);
        return listingsOf(tables);
    }

    private static ListResult listingsOf(List<TableRef> tables) {
        return new ListResult(tables.stream()
                .map(table -> TableListing.present(table, true, LiveTable.empty(table), ""))
                .toList());
    }

    /** Records the fetch at once, answers it only once {@code release} opens. */
    private ListResult answerWhen(CountDownLatch release, List<TableRef> tables) {
        fetches.add(tables);
        await(release);
        return listingsOf(tables);
    }

    private void awaitFetches(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fetches.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /** Until {@code count} reader threads wait: one in the held fetch, the others queued behind it. */
    private void awaitReadersBlocked(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (readers.stream().filter(HostListingsTest::waits).count() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(readers.stream().filter(HostListingsTest::waits).count()).isEqualTo(count);
    }

    private static boolean waits(Thread thread) {
        return switch (thread.getState()) {
            case WAITING, TIMED_WAITING, BLOCKED -> true;
            default -> false;
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
