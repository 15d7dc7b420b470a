package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.live.LiveSet;
import io.nftkeeper.provider.resources.SetResource.State;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** How nftables_set tells the host's spelling from a real change, and which elements an update writes. */
class SetResourceTest {
    private static final String TABLE = "web1/inet/filter";

    private static State state(Set<String> flags, Map<String, String> canonical) {
        return new State(
                TABLE + "/allowed",
                TABLE,
                "allowed",
                "ipv4_addr",
                flags,
                null,
                null,
                null,
                null,
                List.copyOf(new TreeSet<>(canonical.keySet())),
                canonical);
    }

    private static State stateListing(List<String> elements) {
        Map<String, String> canonical = new TreeMap<>();
        elements.forEach(e -> canonical.put(e, e));
        return new State(
                TABLE + "/allowed", TABLE, "allowed", "ipv4_addr", null, null, null, null, null, elements, canonical);
    }

    private static LiveSet live(Set<String> flags, String... elements) {
        return new LiveSet("allowed", "ipv4_addr", null, flags, null, null, null, false, List.of(elements));
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
        assertThat(SetResource.reconcile(stored, live(Set.of(), "10.0.0.1")).flags())
                .isEmpty();
    }

    @Test
    void perElementTimeoutsAndCommentsAreElementTextAndTheHostsSpellingOfThemIsNotDrift() {
        // nft lists `timeout 1h` as the set's default timeout away and never prints `expires` statelessly
        State stored = state(
                Set.of("timeout"),
                Map.of(
                        "10.1.1.1 timeout 1h comment \"on call, ana\"",
                        "10.1.1.1 comment \"on call, ana\"",
                        "10.1.1.2 timeout 2h",
                        "10.1.1.2 timeout 2h"));
        // listed by nft 1.0.6 as `timeout 1h` and `elements = { 10.1.1.1 comment "on call, ana", 10.1.1.2 timeout 2h }`
        LiveSet listed = new LiveSet(
                "allowed",
                "ipv4_addr",
                null,
                Set.of(),
                "1h",
                null,
                null,
                false,
                List.of("10.1.1.1 comment \"on call, ana\"", "10.1.1.2 timeout 2h"));
        State withTimeout = new State(
                stored.id(),
                TABLE,
                "allowed",
                "ipv4_addr",
                Set.of("timeout"),
                "60m",
                null,
                null,
                null,
                stored.elements(),
                stored.canonicalElements());

        assertThat(SetResource.reconcile(withTimeout, listed)).isSameAs(withTimeout);
    }

    @Test
    void aSetThatDoesNotManageItsElementsNeverReadsThemAsDrift() {
        State unmanaged = new State(
                TABLE + "/allowed", TABLE, "allowed", "ipv4_addr", null, null, null, null, null, null, Map.of());

        assertThat(SetResource.reconcile(unmanaged, live(Set.of(), "10.0.0.1", "10.0.0.2")))
                .isSameAs(unmanaged);
    }

    @Test
    void theHostListingTheElementsInAnotherOrderIsNoChange() {
        State stored = stateListing(List.of("10.0.0.3", "10.0.0.1", "10.0.0.2"));

        assertThat(SetResource.reconcile(stored, live(Set.of(), "10.0.0.1", "10.0.0.2", "10.0.0.3")))
                .isSameAs(stored);
    }

    @Test
    void driftDropsWhatIsGoneKeepsTheOrderOfTheRestAndAppendsWhatTheHostGainedSorted() {
        State stored = stateListing(List.of("10.0.0.3", "10.0.0.1", "10.0.0.2"));

        State read = SetResource.reconcile(stored, live(Set.of(), "10.0.0.1", "10.0.0.3", "10.0.0.9", "10.0.0.5"));

        assertThat(read.elements()).containsExactly("10.0.0.3", "10.0.0.1", "10.0.0.5", "10.0.0.9");
        assertThat(read.canonicalElements()).containsOnlyKeys("10.0.0.3", "10.0.0.1", "10.0.0.5", "10.0.0.9");
    }

    @Test
    void anImportedSetListsItsElementsInTheHostsOrder() {
        State imported =
                SetResource.imported(TABLE, live(Set.of("interval"), "192.168.0.0/16", "10.0.0.0/8", "172.16.0.1"));

        assertThat(imported.elements()).containsExactly("192.168.0.0/16", "10.0.0.0/8", "172.16.0.1");
    }

    @Test
    void aStateThePreviousSetTypedElementsWroteLoadsAsAList() throws Exception {
        // what the provider wrote while `elements` was set(string): Terraform's JSON of a set is a sorted array
        String written = """
                {"id": "web1/inet/filter/allowed", "table_id": "web1/inet/filter", "name": "allowed",
                 "type": "ipv4_addr", "flags": ["interval"], "timeout": null, "size": null, "policy": null,
                 "auto_merge": null, "elements": ["10.1.2.3/8", "172.16.0.1"],
                 "canonical_elements": {"10.1.2.3/8": "10.0.0.0/8", "172.16.0.1": "172.16.0.1"}}
                """;

        State loaded = Values.toRecord(
                Values.fromJson(
                        new ObjectMapper().readTree(written),
                        SetResource.schemaV0().objectType()),
                State.class);

        assertThat(loaded.elements()).containsExactly("10.1.2.3/8", "172.16.0.1");
        assertThat(SetResource.reconcile(loaded, live(Set.of("interval"), "10.0.0.0/8", "172.16.0.1")))
                .isSameAs(loaded);
    }
}
