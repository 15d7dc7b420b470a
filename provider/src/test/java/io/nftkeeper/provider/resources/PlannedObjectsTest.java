package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.Counter;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.NftObject;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.live.LiveCounter;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.wire.TableListing;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PlannedObjectsTest {

    private static final TableId TABLE = TableId.parse("web1/inet/filter").orElseThrow();

    private final PlannedObjects planned = new PlannedObjects();

    @Test
    void objectsPlannedInATableAreDeclaredUnlessTheHostHasThemAlready() throws Exception {
        planned.remember(set("allowed"), SetResource.State.class, List.of("type"), s -> s.set(List.of()));
        planned.remember(counter("hits"), CounterResource.State.class, List.of(), CounterResource.State::counter);
        planned.remember(counter("old"), CounterResource.State.class, List.of(), CounterResource.State::counter);
        LiveTable live = new LiveTable(
                Family.INET,
                "filter",
                List.of(),
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(new LiveCounter("old", 0, 0)),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        TableListing listing = TableListing.present(TABLE.table(), true, live, "");

        List<NftObject> missing = planned.missingFrom(TABLE, listing, Chain.regular(TABLE.table(), "input"));

        assertThat(missing)
                .extracting(NftObject::describe)
                .containsExactlyInAnyOrder("set inet filter allowed", "counter inet filter hits");
        assertThat(planned.missingFrom(
                        TableId.parse("web2/inet/filter").orElseThrow(),
                        listing,
                        Chain.regular(TABLE.table(), "input")))
                .isEmpty();
    }

    @Test
    void aPlanWhoseTableOrPropertiesAreNotKnownYetDeclaresNothing() {
        Value unknownType = set("allowed").with("type", Value.unknown(io.nftkeeper.framework.types.Type.STRING));
        planned.remember(unknownType, SetResource.State.class, List.of("type"), s -> s.set(List.of()));

        assertThat(planned.generation(TABLE)).isZero();
    }

    @Test
    void aDryRunWaitsForAnObjectThatAnotherResourceIsPlanningNow() throws Exception {
        int generation = planned.generation(TABLE);
        assertThat(planned.awaitMore(TABLE, generation, Duration.ofMillis(50))).isFalse();

        CompletableFuture<Boolean> waiting = new CompletableFuture<>();
        Thread dryRun =
                new Thread(() -> waiting.complete(planned.awaitMore(TABLE, generation, Duration.ofSeconds(10))));
        dryRun.start();
        // it waits for news before another resource plans the object
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (dryRun.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(dryRun.getState()).isEqualTo(Thread.State.TIMED_WAITING);
        planned.remember(counter("hits"), CounterResource.State.class, List.of(), CounterResource.State::counter);

        assertThat(waiting.get()).isTrue();
        // planning the same object again is nothing new
        int now = planned.generation(TABLE);
        planned.remember(counter("hits"), CounterResource.State.class, List.of(), CounterResource.State::counter);
        assertThat(planned.generation(TABLE)).isEqualTo(now);
        assertThat(planned.missingFrom(
                        TABLE, TableListing.absent(TABLE.table(), false), new Counter(TABLE.table(), "hits")))
                .isEmpty();
    }

    private static Value set(String name) {
        return Values.fromRecord(
                SetResource.schemaV0().objectType(),
                new SetResource.State(
                        null,
                        TABLE.toString(),
                        name,
                        "ipv4_addr",
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of("10.0.0.1"),
                        null));
    }

    private static Value counter(String name) {
        return Values.fromRecord(
                CounterResource.schemaV0().objectType(),
                new CounterResource.State(null, TABLE.toString(), name, null, null));
    }
}
