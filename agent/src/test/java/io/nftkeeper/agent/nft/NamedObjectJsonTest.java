package io.nftkeeper.agent.nft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.protocol.CtExpectation;
import io.nftkeeper.protocol.CtHelper;
import io.nftkeeper.protocol.CtTimeout;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Flowtable;
import io.nftkeeper.protocol.Secmark;
import io.nftkeeper.protocol.Synproxy;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.live.ObjectReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Named objects of every kind read from nft 1.0.6's JSON (ct and synproxy objects and rules copied from
 * `nft -j list table inet t` on this machine; flowtable and secmark as nft 1.0.6's json.c prints them, since the
 * test kernel has neither).
 */
class NamedObjectJsonTest {
    private static final TableRef T = new TableRef(Family.INET, "t");
    private static final String LISTING = """
            {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}},
             {"table": {"family": "inet", "name": "t", "handle": 1}},
             {"ct helper": {"family": "inet", "name": "ftp-standard", "table": "t", "handle": 1, "type": "ftp",
               "protocol": "tcp", "l3proto": "inet"}},
             {"ct timeout": {"family": "inet", "name": "tcp-short", "table": "t", "handle": 2, "protocol": "tcp",
               "l3proto": "ip", "policy": {"established": 120}}},
             {"ct expectation": {"family": "inet", "name": "e1", "table": "t", "handle": 3, "protocol": "tcp",
               "dport": 22, "timeout": 60000, "size": 12, "l3proto": "ip"}},
             {"synproxy": {"family": "inet", "name": "www", "table": "t", "handle": 4, "mss": 1400, "wscale": 5}},
             {"synproxy": {"family": "inet", "name": "s7", "table": "t", "handle": 24, "mss": 1460, "wscale": 7,
               "flags": ["timestamp", "sack-perm"]}},
             {"flowtable": {"family": "inet", "name": "ft", "table": "t", "handle": 5, "hook": "ingress", "prio": 0,
               "dev": ["veth1", "veth0"]}},
             {"flowtable": {"family": "inet", "name": "one", "table": "t", "handle": 6, "hook": "ingress", "prio": -5,
               "dev": "veth0"}},
             {"secmark": {"family": "inet", "name": "sshs", "table": "t", "handle": 7,
               "context": "system_u:object_r:ssh_server_packet_t:s0"}},
             {"rule": {"family": "inet", "table": "t", "chain": "pre", "handle": 18, "expr": [{"match": {"op": "==",
               "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": 21}}, {"ct helper": "ftp-standard"}]}},
             {"rule": {"family": "inet", "table": "t", "chain": "pre", "handle": 19, "expr": [{"ct timeout": "tcp-short"}]}},
             {"rule": {"family": "inet", "table": "t", "chain": "pre", "handle": 20, "expr": [{"ct expectation": "e1"}]}},
             {"rule": {"family": "inet", "table": "t", "chain": "in", "handle": 21, "expr": [{"synproxy": "www"}]}},
             {"rule": {"family": "inet", "table": "t", "chain": "in", "handle": 23, "expr": [{"synproxy": {"map": {"key":
               {"payload": {"protocol": "tcp", "field": "dport"}}, "data": {"set": [[80, "www"], [443, "s7"]]}}}}]}},
             {"rule": {"family": "inet", "table": "t", "chain": "fwd", "handle": 30, "expr": [{"flow": {"op": "add",
               "flowtable": "@ft"}}]}},
             {"rule": {"family": "inet", "table": "t", "chain": "in", "handle": 31, "expr": [{"secmark": "sshs"}]}}]}
            """;

    private final LiveTable listing = parse(LISTING);

    @Test
    void everyKindIsParsedIntoItsRecordWithNftsQuirksSmoothedOut() {
        assertThat(listing.named("ct helper", "ftp-standard"))
                .contains(new CtHelper(T, "ftp-standard", "ftp", "tcp", "inet"));
        assertThat(listing.named("ct timeout", "tcp-short"))
                .contains(new CtTimeout(T, "tcp-short", "tcp", "ip", Map.of("established", 120L)));
        assertThat(listing.named("ct expectation", "e1"))
                .contains(new CtExpectation(T, "e1", "tcp", 22, 60_000, 12, "ip"));
        assertThat(listing.named("synproxy", "www")).contains(new Synproxy(T, "www", 1400, 5, false, false));
        assertThat(listing.named("synproxy", "s7")).contains(new Synproxy(T, "s7", 1460, 7, true, true));
        assertThat(listing.named("flowtable", "ft"))
                .contains(new Flowtable(T, "ft", "ingress", 0, List.of("veth0", "veth1"), List.of()));
        assertThat(listing.named("flowtable", "one"))
                .contains(new Flowtable(T, "one", "ingress", -5, List.of("veth0"), List.of()));
        assertThat(listing.named("secmark", "sshs"))
                .contains(new Secmark(T, "sshs", "system_u:object_r:ssh_server_packet_t:s0"));
        assertThat(listing.contains("synproxy", "ft")).isFalse();
        assertThat(listing.contains("flowtable", "ft")).isTrue();
    }

    @Test
    void rulesUsingObjectsByNameAreFoundAlsoThroughASynproxyMapAndAFlowStatement() {
        assertThat(listing.referencesTo("ct helper", "ftp-standard"))
                .containsExactly(new ObjectReference("ct helper", "ftp-standard", "pre", 18));
        assertThat(listing.referencesTo("ct timeout", "tcp-short")).hasSize(1);
        assertThat(listing.referencesTo("ct expectation", "e1")).hasSize(1);
        assertThat(listing.referencesTo("synproxy", "www"))
                .extracting(ObjectReference::handle)
                .containsExactly(21L, 23L);
        assertThat(listing.referencesTo("synproxy", "s7"))
                .extracting(ObjectReference::handle)
                .containsExactly(23L);
        assertThat(listing.referencesTo("flowtable", "ft"))
                .containsExactly(new ObjectReference("flowtable", "ft", "fwd", 30));
        assertThat(listing.referencesTo("secmark", "sshs")).hasSize(1);
    }

    @Test
    void anObjectTheModelCannotHoldIsLeftOutWithoutSpoilingTheRestOfTheListing() {
        LiveTable odd = parse("""
                {"nftables": [{"counter": {"name": "c", "packets": 1, "bytes": 2}},
                 {"ct helper": {"name": "h", "type": "ftp", "protocol": "tcp; flush ruleset"}},
                 {"ct helper": {"name": "ras", "type": "RAS", "protocol": "udp", "l3proto": "ip"}}]}
                """);

        assertThat(odd.counter("c")).isPresent();
        assertThat(odd.contains("ct helper", "h")).isFalse();
        assertThat(odd.named("ct helper", "ras")).contains(new CtHelper(T, "ras", "RAS", "udp", "ip"));
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
