package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.provider.resources.SetListing.ListedSet;
import io.nftkeeper.provider.resources.SetResource.Durations;
import io.nftkeeper.provider.resources.SetResource.ElementChange;
import io.nftkeeper.provider.resources.SetResource.State;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How nftables_set tells the host's spelling from a real change, and which elements an update writes. */
class SetResourceTest {
    private static final String TABLE = "web1/inet/filter";

    private static State state(Set<String> flags, Map<String, String> canonical) {
        return new State(TABLE + "/allowed", TABLE, "allowed", "ipv4_addr", flags, null, null, null, null,
                canonical.keySet(), canonical);
    }

    private static ListedSet live(Set<String> flags, String... elements) {
        return new ListedSet("allowed", "ipv4_addr", null, flags, null, null, null, false, List.of(elements));
    }

    @Test
    void theHostsSpellingOfAnElementIsNotDrift() {
        State stored = state(Set.of("interval"), Map.of("10.1.2.3/8", "10.0.0.0/8", "172.16.0.1", "172.16.0.1"));
        assertThat(SetResource.reconcile(stored, live(Set.of("interval"), "10.0.0.0/8", "172.16.0.1")))
                .isSameAs(stored);
    }

    @Test
    void anElementAddedOnTheHostAppearsInTheHostsSpellingAndTheUsersTextStays() {
        State stored = state(Set.of("interval"), Map.of("10.1.2.3/8", "10.0.0.0/8"));
        State read = SetResource.reconcile(stored, live(Set.of("interval"), "10.0.0.0/8", "203.0.113.7"));
        assertThat(read.elements()).containsExactlyInAnyOrder("10.1.2.3/8", "203.0.113.7");
        assertThat(read.canonicalElements()).containsEntry("203.0.113.7", "203.0.113.7");
    }

    @Test
    void anElementRemovedOnTheHostLeavesTheState() {
        State stored = state(null, Map.of("10.0.0.1", "10.0.0.1", "10.0.0.2", "10.0.0.2"));
        assertThat(SetResource.reconcile(stored, live(Set.of(), "10.0.0.1")).elements())
                .containsExactly("10.0.0.1");
    }

    @Test
    void elementsTheDatapathWroteIntoADynamicSetAreNotDrift() {
        State stored = state(Set.of("dynamic"), Map.of("10.0.0.1", "10.0.0.1"));
        assertThat(SetResource.reconcile(stored, live(Set.of("dynamic"), "10.0.0.1", "10.0.0.9")))
                .isSameAs(stored);
    }

    @Test
    void changedFlagsOnTheHostShowAsTheLiveFlags() {
        State stored = state(Set.of("interval"), Map.of("10.0.0.1", "10.0.0.1"));
        assertThat(SetResource.reconcile(stored, live(Set.of(), "10.0.0.1")).flags()).isEmpty();
    }

    @Test
    void afterApplyEachElementGetsTheListingItBecame() {
        Map<String, String> canonical = SetResource.canonicalAfterApply(Set.of("10.1.2.3/8", "172.16.0.1"),
                Map.of(), List.of("10.0.0.0/8", "172.16.0.1"), false);
        assertThat(canonical).isEqualTo(Map.of("10.1.2.3/8", "10.0.0.0/8", "172.16.0.1", "172.16.0.1"));
    }

    @Test
    void anUpdateDeletesTheRemovedElementsCanonicalTextAndAddsTheNewOnes() {
        State prior = state(Set.of("interval"), Map.of("10.1.2.3/8", "10.0.0.0/8", "172.16.0.1", "172.16.0.1"));
        State planned = state(Set.of("interval"), Map.of("172.16.0.1", "", "192.168.0.0/16", ""));
        ElementChange change = ElementChange.between(prior, planned);
        assertThat(change.delete()).containsExactly("10.0.0.0/8");
        assertThat(change.add()).containsExactly("192.168.0.0/16");
        assertThat(change.keptCanonical()).containsExactly(Map.entry("172.16.0.1", "172.16.0.1"));
        assertThat(change.transaction(TableId.parse(TABLE).orElseThrow(), "allowed").toScript())
                .contains("delete element inet filter allowed { 10.0.0.0/8 }")
                .contains("add element inet filter allowed { 192.168.0.0/16 }")
                .doesNotContain("flush");
    }

    @Test
    void durationsAreComparedByLength() {
        assertThat(Durations.millis("1m")).isEqualTo(Durations.millis("60s"));
        assertThat(Durations.millis("1h30m")).contains(5_400_000L);
        assertThat(Durations.millis("500ms")).contains(500L);
        assertThat(Durations.millis("soon")).isEmpty();
    }
}
