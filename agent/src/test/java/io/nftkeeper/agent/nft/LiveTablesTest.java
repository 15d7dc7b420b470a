package io.nftkeeper.agent.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.live.LiveRule;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.wire.JsonLines;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveTablesTest {

    private static final String TEXT = """
            table inet web {
            \tflags dormant
            \tcomment "edge"

            \tchain input {
            \t\ttype filter hook input priority filter; policy accept;
            \t\ttcp dport 22 accept
            \t\ticmp type echo-request counter comment "pings"
            \t}
            }
            """;

    private static LiveTable listing(String json) throws Exception {
        return LiveTables.of(
                new TableRef(Family.INET, "web"), TEXT, JsonLines.mapper().readTree(json));
    }

    @Test
    void textRulesArePairedInOrderWithTheHandlesAndCountersOfTheJsonListing() throws Exception {
        LiveTable rules = listing("""
                {"nftables": [{"table": {"family": "inet", "name": "web"}},
                  {"rule": {"chain": "input", "handle": 4, "expr": [{"accept": null}]}},
                  {"rule": {"chain": "input", "handle": 9, "expr": [{"counter": {"packets": 2, "bytes": 168}}]}}]}
                """);

        assertThat(rules.chain("input").orElseThrow().rules())
                .extracting(LiveRule::handle)
                .containsExactly(4L, 9L);
        LiveRule counted = rules.chain("input").orElseThrow().rules().get(1);
        assertThat(counted.expr()).isEqualTo("icmp type echo-request counter");
        assertThat(counted.comment()).isEqualTo("pings");
        assertThat(counted.packets()).isEqualTo(2L);
        assertThat(counted.bytes()).isEqualTo(168L);
        assertThat(rules.chain("input").orElseThrow().rules().get(0).packets()).isNull();
        assertThat(rules.chain("input").orElseThrow().base().orElseThrow().priority())
                .isEqualTo("filter");
    }

    @Test
    void theTableKeepsItsFlagsAndCommentFromTheText() throws Exception {
        LiveTable table = listing("""
                {"nftables": [{"rule": {"chain": "input", "handle": 4, "expr": []}},
                  {"rule": {"chain": "input", "handle": 9, "expr": []}}]}
                """);

        assertThat(table.flags()).isEqualTo(List.of("dormant"));
        assertThat(table.comment()).isEqualTo("edge");
    }

    @Test
    void aChainThatChangedBetweenTheTwoListingsIsRefusedRatherThanPairedWrongly() throws Exception {
        String changed = """
                {"nftables": [{"rule": {"chain": "input", "handle": 4, "expr": []}}]}
                """;

        assertThatThrownBy(() -> listing(changed))
                .isInstanceOf(NftkeeperException.class)
                .hasMessageContaining("chain input of table inet web changed while it was listed");
    }
}
