package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.provider.resources.MapResource.State;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How nftables_map reads nft 1.0.6 map listings (text from `nft -s list table`) and tells spelling from drift. */
class MapResourceTest {
    private static final String TABLE = "web1/inet/nat";
    private static final String LISTING = """
            table inet nat {
            \tmap verdicts {
            \t\ttype ipv4_addr : verdict
            \t\tflags interval
            \t\telements = { 10.0.0.0/8 : accept, 192.168.0.1 comment "on call: ana" : drop }
            \t}

            \tmap ports {
            \t\ttype inet_service : ipv4_addr . inet_service
            \t\ttimeout 1m
            \t\telements = { 80 : 10.213.0.9 . 8080 }
            \t}

            \tmap marks {
            \t\ttypeof ip saddr : meta mark
            \t\tpolicy memory
            \t\tsize 100
            \t\telements = { 10.0.0.1 : 0x00000005 }
            \t}
            }
            """;

    private static State verdicts(Map<String, String> elements, Map<String, String> canonical) {
        return new State(TABLE + "/verdicts", TABLE, "verdicts", "ipv4_addr", null, "verdict", Set.of("interval"),
                null, null, null, elements, canonical);
    }

    private static MapListing live(String name, String listing) {
        return MapListing.parse(listing, name).orElseThrow();
    }

    @Test
    void keyAndValueTypesAndEntriesAreReadFromTheListing() {
        MapListing marks = live("marks", LISTING);
        assertThat(marks.typeof()).isEqualTo("ip saddr");
        assertThat(marks.type()).isNull();
        assertThat(marks.value()).isEqualTo("meta mark");
        assertThat(live("ports", LISTING).value()).isEqualTo("ipv4_addr . inet_service");
        assertThat(live("verdicts", LISTING).entries()).containsExactly(
                Map.entry("10.0.0.0/8", "accept"), Map.entry("192.168.0.1 comment \"on call: ana\"", "drop"));
    }

    @Test
    void theHostsSpellingOfAnEntryIsNotDrift() {
        State stored = verdicts(Map.of("10.1.2.3/8", "accept", "192.168.0.1 comment \"on call: ana\"", "drop"),
                Map.of("10.1.2.3/8", "10.0.0.0/8 : accept",
                        "192.168.0.1 comment \"on call: ana\"", "192.168.0.1 comment \"on call: ana\" : drop"));

        assertThat(MapResource.reconcile(stored, live("verdicts", LISTING))).isSameAs(stored);
    }

    @Test
    void aValueChangedOnTheHostShowsAsTheHostsEntry() {
        State stored = verdicts(Map.of("10.0.0.0/8", "drop", "192.168.0.1 comment \"on call: ana\"", "drop"),
                Map.of("10.0.0.0/8", "10.0.0.0/8 : drop",
                        "192.168.0.1 comment \"on call: ana\"", "192.168.0.1 comment \"on call: ana\" : drop"));

        State read = MapResource.reconcile(stored, live("verdicts", LISTING));

        assertThat(read.elements()).containsEntry("10.0.0.0/8", "accept").hasSize(2);
        assertThat(read.canonicalElements()).containsEntry("10.0.0.0/8", "10.0.0.0/8 : accept");
    }

    @Test
    void anImportedMapIsItsListingAndReadsBackWithoutDrift() {
        State imported = MapResource.imported(TABLE, live("ports", LISTING));

        assertThat(imported.type()).isEqualTo("inet_service");
        assertThat(imported.valueType()).isEqualTo("ipv4_addr . inet_service");
        assertThat(imported.elements()).containsExactly(Map.entry("80", "10.213.0.9 . 8080"));
        assertThat(MapResource.reconcile(imported, live("ports", LISTING))).isSameAs(imported);
    }

    @Test
    void aTimeoutFlagNftLeavesOutBesideADefaultTimeoutIsNotDrift() {
        State ports = new State(TABLE + "/ports", TABLE, "ports", "inet_service", null, "ipv4_addr.inet_service",
                Set.of("timeout"), "60s", null, null, Map.of("80", "10.213.0.9 . 8080"),
                Map.of("80", "80 : 10.213.0.9 . 8080"));

        assertThat(MapResource.reconcile(ports, live("ports", LISTING))).isSameAs(ports);
    }

    @Test
    void unmanagedEntriesAreNotRead() {
        State unmanaged = verdicts(null, Map.of());

        assertThat(MapResource.reconcile(unmanaged, live("verdicts", LISTING))).isSameAs(unmanaged);
    }
}
