package io.nftkeeper.agent.nft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.protocol.ByteUnits;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Limit;
import io.nftkeeper.protocol.LimitUnit;
import io.nftkeeper.protocol.Quota;
import io.nftkeeper.protocol.RatePeriod;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.live.LiveCounter;
import io.nftkeeper.protocol.live.LiveQuota;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.live.ObjectReference;
import org.junit.jupiter.api.Test;

/** Parsing nft 1.0.6 stateless JSON listings (copied from `nft -s -j list table inet t` on Debian 12). */
class ListedObjectsTest {
    private static final TableRef T = new TableRef(Family.INET, "t");
    private static final String LISTING = """
            {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}},
             {"table": {"family": "inet", "name": "t", "handle": 1}},
             {"counter": {"family": "inet", "name": "c2", "table": "t", "handle": 3, "packets": 5, "bytes": 100}},
             {"quota": {"family": "inet", "name": "q2", "table": "t", "handle": 5, "bytes": 1048576, "used": 0, "inv": true}},
             {"quota": {"family": "inet", "name": "q3", "table": "t", "handle": 6, "bytes": 1000, "used": 10, "inv": false}},
             {"limit": {"family": "inet", "name": "l1", "table": "t", "handle": 11, "rate": 10, "per": "second", "burst": 5}},
             {"limit": {"family": "inet", "name": "l3", "table": "t", "handle": 13, "rate": 1, "per": "second", "inv": true,
                        "rate_unit": "mbytes", "burst": 10, "burst_unit": "kbytes"}},
             {"limit": {"family": "inet", "name": "l4", "table": "t", "handle": 14, "rate": 1, "per": "second", "rate_unit": "kbytes"}},
             {"chain": {"family": "inet", "table": "t", "name": "in", "handle": 30, "type": "filter", "hook": "input", "prio": 0,
                        "policy": "accept"}},
             {"rule": {"family": "inet", "table": "t", "chain": "in", "handle": 31,
                       "expr": [{"counter": "c2"}, {"quota": "q3"}, {"limit": "l1"}, {"accept": null}]}},
             {"rule": {"family": "inet", "table": "t", "chain": "in", "handle": 32,
                       "expr": [{"counter": {"packets": 0, "bytes": 0}}, {"limit": {"rate": 3, "per": "second"}}]}}]}
            """;

    private final LiveTable listing = parse(LISTING);

    @Test
    void countersAndQuotasCarryTheirLiveValues() {
        assertThat(listing.counter("c2")).contains(new LiveCounter("c2", 5, 100));
        assertThat(listing.quota("q2")).contains(new LiveQuota(new Quota(T, "q2", 1_048_576, true), 0));
        assertThat(listing.quota("q3")).contains(new LiveQuota(new Quota(T, "q3", 1000, false), 10));
    }

    @Test
    void limitsComeInPlainPacketsAndBytes() {
        assertThat(listing.limit("l1"))
                .contains(new Limit(T, "l1", 10, LimitUnit.PACKETS, RatePeriod.SECOND, 5L, false));
        assertThat(listing.limit("l3"))
                .contains(new Limit(T, "l3", 1_048_576, LimitUnit.BYTES, RatePeriod.SECOND, 10_240L, true));
        assertThat(listing.limit("l4"))
                .contains(new Limit(T, "l4", 1024, LimitUnit.BYTES, RatePeriod.SECOND, null, false));
    }

    @Test
    void rulesUsingAnObjectByNameAreFoundButAnonymousStatementsAreNot() {
        assertThat(listing.referencesTo("limit", "l1")).containsExactly(new ObjectReference("limit", "l1", "in", 31));
        assertThat(listing.referencesTo("counter", "c2"))
                .containsExactly(new ObjectReference("counter", "c2", "in", 31));
        assertThat(listing.referencesTo("limit", "l3")).isEmpty();
        assertThat(listing.references()).hasSize(3);
    }

    @Test
    void rulesUsingASetOrMapByNameAreFoundWhereverTheyNameIt() {
        LiveTable sets = parse("""
                {"nftables": [
                 {"rule": {"chain": "in", "handle": 40, "expr": [{"match": {"op": "==", "left": {"payload":
                   {"protocol": "ip", "field": "saddr"}}, "right": "@allowed"}}, {"accept": null}]}},
                 {"rule": {"chain": "in", "handle": 41, "expr": [{"set": {"op": "add", "elem": {"payload":
                   {"protocol": "ip", "field": "saddr"}}, "set": "@seen"}}]}},
                 {"rule": {"chain": "in", "handle": 42, "expr": [{"vmap": {"key": {"payload": {"protocol": "tcp",
                   "field": "dport"}}, "data": "@ports"}}]}},
                 {"rule": {"chain": "fwd", "handle": 43, "expr": [{"flow": {"op": "add", "flowtable": "@ft"}}]}}]}
                """);

        assertThat(sets.referencesTo("set", "allowed"))
                .containsExactly(new ObjectReference("set", "allowed", "in", 40));
        assertThat(sets.referencesTo("set", "seen"))
                .extracting(ObjectReference::handle)
                .containsExactly(41L);
        assertThat(sets.referencesTo("set", "ports"))
                .extracting(ObjectReference::handle)
                .containsExactly(42L);
        assertThat(sets.referencesTo("set", "ft")).isEmpty();
        assertThat(sets.referencesTo("flowtable", "ft")).hasSize(1);
    }

    @Test
    void eachKindHasItsOwnNamespace() {
        assertThat(listing.contains("counter", "c2")).isTrue();
        assertThat(listing.contains("quota", "c2")).isFalse();
        assertThat(listing.contains("limit", "l4")).isTrue();
    }

    @Test
    void byteQuantitiesPrintInTheLargestUnitThatDividesThemAsNftDoes() {
        assertThat(ByteUnits.text(1_048_576)).isEqualTo("1 mbytes");
        assertThat(ByteUnits.text(2049)).isEqualTo("2049 bytes");
        assertThat(ByteUnits.text(3072)).isEqualTo("3 kbytes");
        assertThat(ByteUnits.text(0)).isEqualTo("0 bytes");
    }

    /** The table as the agent lists it, with a text listing that has no chains. */
    private static LiveTable parse(String json) {
        try {
            return LiveTables.of(T, "table inet t {\n}\n", new ObjectMapper().readTree(json));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
