package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The element bookkeeping sets, maps and contributed elements share. */
class TrackedElementsTest {
    private static final TableRef FILTER = new TableRef(Family.INET, "filter");

    @Test
    void afterApplyEachElementGetsTheListingItBecame() {
        TrackedElements after = TrackedElements.afterApply(
                Set.of("10.1.2.3/8", "172.16.0.1"), Map.of(), List.of("10.0.0.0/8", "172.16.0.1"), Set.of());

        assertThat(after.canonical()).isEqualTo(Map.of("10.1.2.3/8", "10.0.0.0/8", "172.16.0.1", "172.16.0.1"));
    }

    @Test
    void aRespelledElementNeverClaimsElementsThatBelongToSomeoneElse() {
        TrackedElements after = TrackedElements.afterApply(
                Set.of("10.1.2.3/8"), Map.of(), List.of("10.0.0.0/8", "192.168.0.0/16"), Set.of("192.168.0.0/16"));

        assertThat(after.canonical()).isEqualTo(Map.of("10.1.2.3/8", "10.0.0.0/8"));
    }

    @Test
    void anUpdateDeletesTheRemovedElementsCanonicalTextAndAddsTheNewOnes() {
        TrackedElements prior = TrackedElements.of(
                Set.of("10.1.2.3/8", "172.16.0.1"), Map.of("10.1.2.3/8", "10.0.0.0/8", "172.16.0.1", "172.16.0.1"));

        TrackedElements.Change change = prior.changeTo(Set.of("172.16.0.1", "192.168.0.0/16"));

        assertThat(change.delete()).containsExactly("10.0.0.0/8");
        assertThat(change.add()).containsExactly("192.168.0.0/16");
        assertThat(change.keptCanonical()).containsExactly(Map.entry("172.16.0.1", "172.16.0.1"));
        assertThat(change.transaction(FILTER, "allowed").toScript()).isEqualTo("""
                delete element inet filter allowed { 10.0.0.0/8 }
                add element inet filter allowed { 192.168.0.0/16 }
                """);
    }

    @Test
    void aChangedMapValueIsADeleteAndAnAddOfThatEntryInOneBatch() {
        TrackedElements prior = TrackedElements.of(
                Set.of("10.0.0.1 : accept", "10.0.0.2 : drop"),
                Map.of("10.0.0.1 : accept", "10.0.0.1 : accept", "10.0.0.2 : drop", "10.0.0.2 : drop"));

        TrackedElements.Change change = prior.changeTo(Set.of("10.0.0.1 : drop", "10.0.0.2 : drop"));

        assertThat(change.transaction(FILTER, "verdicts").toScript()).isEqualTo("""
                delete element inet filter verdicts { 10.0.0.1 : accept }
                add element inet filter verdicts { 10.0.0.1 : drop }
                """);
    }

    @Test
    void unknownListedElementsAreDriftUnlessOthersMayWriteThem() {
        TrackedElements mine = TrackedElements.of(Set.of("10.0.0.1"), Map.of("10.0.0.1", "10.0.0.1"));

        assertThat(mine.reconcile(List.of("10.0.0.1", "10.9.9.9"), true)).isEmpty();
        assertThat(mine.reconcile(List.of("10.0.0.1", "10.9.9.9"), false)
                        .orElseThrow()
                        .elements())
                .containsExactlyInAnyOrder("10.0.0.1", "10.9.9.9");
        assertThat(mine.reconcile(List.of("10.9.9.9"), true).orElseThrow().elements())
                .isEmpty();
    }

    @Test
    void listingTheSameElementsInAnotherOrderWritesNothing() {
        TrackedElements prior = TrackedElements.of(
                List.of("10.0.0.2", "10.1.2.3/8"), Map.of("10.0.0.2", "10.0.0.2", "10.1.2.3/8", "10.0.0.0/8"));

        TrackedElements.Change change = prior.changeTo(List.of("10.1.2.3/8", "10.0.0.2"));

        assertThat(change.transaction(FILTER, "allowed").isEmpty()).isTrue();
        assertThat(change.keptCanonical()).isEqualTo(prior.canonical());
    }

    @Test
    void afterApplyTheElementsKeepTheConfigurationsOrder() {
        TrackedElements after = TrackedElements.afterApply(
                List.of("172.16.0.1", "10.1.2.3/8"), Map.of(), List.of("10.0.0.0/8", "172.16.0.1"), Set.of());

        assertThat(after.elements()).containsExactly("172.16.0.1", "10.1.2.3/8");
    }

    @Test
    void theListedFormsOfAPartlyGoneElementTakeItsPlace() {
        // nft merged 10.0.0.0/24 and 10.0.1.0/24 into one listing of the first element; someone deleted half of it
        TrackedElements prior = TrackedElements.of(
                List.of("192.168.0.1", "10.0.0.0/23", "172.16.0.1"),
                Map.of(
                        "192.168.0.1",
                        "192.168.0.1",
                        "10.0.0.0/23",
                        "10.0.0.0/24, 10.0.1.0/24",
                        "172.16.0.1",
                        "172.16.0.1"));

        TrackedElements read = prior.reconcile(List.of("172.16.0.1", "10.0.1.0/24", "192.168.0.1"), false)
                .orElseThrow();

        assertThat(read.elements()).containsExactly("192.168.0.1", "10.0.1.0/24", "172.16.0.1");
    }
}
