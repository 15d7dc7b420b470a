package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.live.LiveMap;
import io.nftkeeper.provider.resources.MapResource.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How nftables_map tells the host's spelling of a listed map (as nft 1.0.6 lists them) from drift. */
class MapResourceTest {
    private static final String TABLE = "web1/inet/nat";
    private static final Map<String, LiveMap> LISTED = Map.of(
            "verdicts",
                    new LiveMap(
                            "verdicts",
                            "ipv4_addr",
                            null,
                            "verdict",
                            Set.of("interval"),
                            null,
                            null,
                            null,
                            List.of("10.0.0.0/8 : accept", "192.168.0.1 comment \"on call: ana\" : drop"),
                            entries("10.0.0.0/8", "accept", "192.168.0.1 comment \"on call: ana\"", "drop")),
            "ports",
                    new LiveMap(
                            "ports",
                            "inet_service",
                            null,
                            "ipv4_addr . inet_service",
                            Set.of(),
                            "1m",
                            null,
                            null,
                            List.of("80 : 10.213.0.9 . 8080"),
                            entries("80", "10.213.0.9 . 8080")));

    private static State verdicts(Map<String, String> elements, Map<String, String> canonical) {
        return new State(
                TABLE + "/verdicts",
                TABLE,
                "verdicts",
                "ipv4_addr",
                null,
                "verdict",
                Set.of("interval"),
                null,
                null,
                null,
                elements,
                canonical);
    }

    private static LiveMap live(String name) {
        return LISTED.get(name);
    }

    private static Map<String, String> entries(String... keysAndValues) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return entries;
    }

    @Test
    void theHostsSpellingOfAnEntryIsNotDrift() {
        State stored = verdicts(
                Map.of("10.1.2.3/8", "accept", "192.168.0.1 comment \"on call: ana\"", "drop"),
                Map.of(
                        "10.1.2.3/8",
                        "10.0.0.0/8 : accept",
                        "192.168.0.1 comment \"on call: ana\"",
                        "192.168.0.1 comment \"on call: ana\" : drop"));

        assertThat(MapResource.reconcile(stored, live("verdicts"))).isSameAs(stored);
    }

    @Test
    void aValueChangedOnTheHostShowsAsTheHostsEntry() {
        State stored = verdicts(
                Map.of("10.0.0.0/8", "drop", "192.168.0.1 comment \"on call: ana\"", "drop"),
                Map.of(
                        "10.0.0.0/8",
                        "10.0.0.0/8 : drop",
                        "192.168.0.1 comment \"on call: ana\"",
                        "192.168.0.1 comment \"on call: ana\" : drop"));

        State read = MapResource.reconcile(stored, live("verdicts"));

        assertThat(read.elements()).containsEntry("10.0.0.0/8", "accept").hasSize(2);
        assertThat(read.canonicalElements()).containsEntry("10.0.0.0/8", "10.0.0.0/8 : accept");
    }

    @Test
    void anImportedMapIsItsListingAndReadsBackWithoutDrift() {
        State imported = MapResource.imported(TABLE, live("ports"));

        assertThat(imported.type()).isEqualTo("inet_service");
        assertThat(imported.valueType()).isEqualTo("ipv4_addr . inet_service");
        assertThat(imported.elements()).containsExactly(Map.entry("80", "10.213.0.9 . 8080"));
        assertThat(MapResource.reconcile(imported, live("ports"))).isSameAs(imported);
    }

    @Test
    void aTimeoutFlagNftLeavesOutBesideADefaultTimeoutIsNotDrift() {
        State ports = new State(
                TABLE + "/ports",
                TABLE,
                "ports",
                "inet_service",
                null,
                "ipv4_addr.inet_service",
                Set.of("timeout"),
                "60s",
                null,
                null,
                Map.of("80", "10.213.0.9 . 8080"),
                Map.of("80", "80 : 10.213.0.9 . 8080"));

        assertThat(MapResource.reconcile(ports, live("ports"))).isSameAs(ports);
    }

    @Test
    void unmanagedEntriesAreNotRead() {
        State unmanaged = verdicts(null, Map.of());

        assertThat(MapResource.reconcile(unmanaged, live("verdicts"))).isSameAs(unmanaged);
    }
}
