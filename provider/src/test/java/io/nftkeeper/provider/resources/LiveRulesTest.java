package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.JsonLines;
import io.nftkeeper.protocol.wire.TableListing;
import org.junit.jupiter.api.Test;

class LiveRulesTest {

    private static final String TEXT = """
            table inet web {
            \tchain input {
            \t\ttype filter hook input priority filter; policy accept;
            \t\ttcp dport 22 accept
            \t\ticmp type echo-request counter comment "pings"
            \t}
            }
            """;

    private static TableListing listing(String json) throws Exception {
        return TableListing.present(new TableRef(Family.INET, "web"), true, JsonLines.mapper().readTree(json), TEXT);
    }

    @Test
    void textRulesArePairedInOrderWithTheHandlesAndCountersOfTheJsonListing() throws Exception {
        LiveRules rules = LiveRules.of(listing("""
                {"nftables": [{"table": {"family": "inet", "name": "web"}},
                  {"rule": {"chain": "input", "handle": 4, "expr": [{"accept": null}]}},
                  {"rule": {"chain": "input", "handle": 9, "expr": [{"counter": {"packets": 2, "bytes": 168}}]}}]}
                """));

        assertThat(rules.chain("input").orElseThrow()).extracting(LiveRules.LiveRule::handle).containsExactly(4L, 9L);
        LiveRules.LiveRule counted = rules.chain("input").orElseThrow().get(1);
        assertThat(counted.listed().expr()).isEqualTo("icmp type echo-request counter");
        assertThat(counted.listed().comment()).isEqualTo("pings");
        assertThat(counted.packets()).isEqualTo(2L);
        assertThat(counted.bytes()).isEqualTo(168L);
        assertThat(rules.chain("input").orElseThrow().get(0).packets()).isNull();
    }

    @Test
    void aChainThatChangedBetweenTheTwoListingsIsRefusedRatherThanPairedWrongly() throws Exception {
        TableListing changed = listing("""
                {"nftables": [{"rule": {"chain": "input", "handle": 4, "expr": []}}]}
                """);

        assertThatThrownBy(() -> LiveRules.of(changed)).isInstanceOf(NftkeeperException.class)
                .hasMessageContaining("chain input of table inet web changed while it was listed");
    }
}
