package io.nftkeeper.provider.datasources;

import io.nftkeeper.protocol.wire.TableContents;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.JsonLines;
import io.nftkeeper.protocol.wire.TableListing;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableDataSourceTest {

    private static final String TEXT = """
            table inet edge {
            \tflags dormant
            \tcomment "edge firewall"

            \tcounter ssh {
            \t}

            \tset admins {
            \t\ttype ipv4_addr
            \t\tcomment "not the table's"
            \t}

            \tchain input {
            \t\ttype filter hook input priority filter; policy drop;
            \t\ttcp dport { 22, 80 } accept
            \t}
            }
            """;

    private static JsonNode json(String text) throws Exception {
        return JsonLines.mapper().readTree(text);
    }

    @Test
    void aTableReadsItsFlagsAndCommentFromTheTextAndItsObjectNamesFromTheJson() throws Exception {
        JsonNode ruleset = json("""
                {"nftables": [{"metainfo": {"version": "1.0.6"}},
                  {"table": {"family": "inet", "name": "edge", "handle": 1, "flags": "garbage of nft 1.0.6"}},
                  {"counter": {"family": "inet", "table": "edge", "name": "ssh", "packets": 0, "bytes": 0}},
                  {"quota": {"family": "inet", "table": "edge", "name": "month", "bytes": 1000}},
                  {"limit": {"family": "inet", "table": "edge", "name": "slow", "rate": 10}},
                  {"set": {"family": "inet", "table": "edge", "name": "admins", "type": "ipv4_addr"}},
                  {"map": {"family": "inet", "table": "edge", "name": "ports", "type": "inet_service", "map": "verdict"}},
                  {"chain": {"family": "inet", "table": "edge", "name": "input", "hook": "input"}},
                  {"chain": {"family": "inet", "table": "edge", "name": "ssh_in"}},
                  {"rule": {"family": "inet", "table": "edge", "chain": "input", "expr": []}}]}
                """);
        TableListing listing = TableListing.present(new TableRef(Family.INET, "edge"), false, ruleset, TEXT);

        TableDataSource.State state = TableDataSource.State.of("web1", listing);

        assertThat(state.id()).isEqualTo("web1/inet/edge");
        assertThat(state.managed()).isFalse();
        assertThat(state.flags()).containsExactly("dormant");
        assertThat(state.comment()).isEqualTo("edge firewall");
        assertThat(state.chains()).containsExactly("input", "ssh_in");
        assertThat(state.sets()).containsExactly("admins");
        assertThat(state.maps()).containsExactly("ports");
        assertThat(state.counters()).containsExactly("ssh");
        assertThat(state.quotas()).containsExactly("month");
        assertThat(state.limits()).containsExactly("slow");
        assertThat(state.text()).isEqualTo(TEXT);
        Value value = Values.fromRecord(TableDataSource.schemaV0().objectType(), state);
        assertThat(value.get("flags").asSet()).containsExactly(Value.string("dormant"));
    }

    @Test
    void countersQuotasAndTheAnonymousCountersOfRulesShowWhatTheyCounted() throws Exception {
        String text = """
                table inet web {
                \tcounter hits {
                \t}

                \tquota month {
                \t\tover 1000 bytes
                \t}

                \tchain input {
                \t\ttype filter hook input priority filter; policy accept;
                \t\ttcp dport 22 accept
                \t\ticmp type echo-request counter
                \t\tcounter name "hits"
                \t}
                }
                """;
        JsonNode ruleset = json("""
                {"nftables": [{"table": {"family": "inet", "name": "web", "handle": 1}},
                  {"counter": {"family": "inet", "table": "web", "name": "hits", "handle": 2, "packets": 7,
                               "bytes": 588}},
                  {"quota": {"family": "inet", "table": "web", "name": "month", "handle": 3, "bytes": 1000,
                             "used": 120, "inv": true}},
                  {"chain": {"family": "inet", "table": "web", "name": "input", "handle": 4}},
                  {"rule": {"family": "inet", "table": "web", "chain": "input", "handle": 5, "expr": [{"accept": null}]}},
                  {"rule": {"family": "inet", "table": "web", "chain": "input", "handle": 6,
                            "expr": [{"counter": {"packets": 3, "bytes": 252}}]}},
                  {"rule": {"family": "inet", "table": "web", "chain": "input", "handle": 7,
                            "expr": [{"counter": "hits"}]}}]}
                """);
        TableListing listing = TableListing.present(new TableRef(Family.INET, "web"), true, ruleset, text);

        TableDataSource.State state = TableDataSource.State.of("web1", listing);

        assertThat(state.counterValues()).containsExactly(Map.entry("hits", new CounterValues.CounterState(7L, 588L)));
        assertThat(state.quotaValues())
                .containsExactly(Map.entry("month", new CounterValues.QuotaState(1000L, 120L, true)));
        assertThat(state.ruleCounters()).containsExactly(new CounterValues.RuleCounterState("input", 6L,
                "icmp type echo-request counter", 3L, 252L));
        Value value = Values.fromRecord(TableDataSource.schemaV0().objectType(), state);
        assertThat(value.get("rule_counters").asList().get(0).get("packets").asLong()).isEqualTo(3L);
        assertThat(value.get("counter_values").asMap().get("hits").get("bytes").asLong()).isEqualTo(588L);
    }

    @Test
    void aPlainTableHasNoFlagsNoCommentAndNoObjects() throws Exception {
        TableListing listing = TableListing.present(new TableRef(Family.IP, "nat"), true,
                json("{\"nftables\": [{\"table\": {\"family\": \"ip\", \"name\": \"nat\"}}]}"), "table ip nat {\n}\n");

        TableDataSource.State state = TableDataSource.State.of("web1", listing);

        assertThat(state.flags()).isEqualTo(Set.of());
        assertThat(state.comment()).isNull();
        assertThat(state.chains()).isEqualTo(List.of());
        assertThat(Values.fromRecord(TableDataSource.schemaV0().objectType(), state).get("comment").isNull()).isTrue();
    }

    @Test
    void anonymousSetsOfRulesAreNotObjectsOfTheTable() throws Exception {
        TableContents contents = TableContents.of(json("""
                {"nftables": [{"set": {"name": "__set0"}}, {"set": {"name": "blocked"}}]}
                """));

        assertThat(contents.sets()).containsExactly("blocked");
    }

    @Test
    void flowtablesCtObjectsSynproxiesAndSecmarksAreListedByKind() throws Exception {
        TableContents contents = TableContents.of(json("""
                {"nftables": [{"flowtable": {"name": "ft"}}, {"ct helper": {"name": "ftp-standard"}},
                 {"ct timeout": {"name": "tcp-short"}}, {"ct expectation": {"name": "e1"}},
                 {"synproxy": {"name": "www"}}, {"synproxy": {"name": "mail"}}, {"secmark": {"name": "ssh"}}]}
                """));

        assertThat(contents.flowtables()).containsExactly("ft");
        assertThat(contents.ctHelpers()).containsExactly("ftp-standard");
        assertThat(contents.ctTimeouts()).containsExactly("tcp-short");
        assertThat(contents.ctExpectations()).containsExactly("e1");
        assertThat(contents.synproxies()).containsExactly("www", "mail");
        assertThat(contents.secmarks()).containsExactly("ssh");
        assertThat(contents.counters()).isEmpty();
    }
}
