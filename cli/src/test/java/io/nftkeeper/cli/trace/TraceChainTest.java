package io.nftkeeper.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.protocol.NftkeeperException;
import org.junit.jupiter.api.Test;

class TraceChainTest {

    @Test
    void installsTableChainAndRuleInOneTransactionAndRemovesThemWithTheTable() {
        TraceChain trace = TraceChain.matching("ip saddr 10.0.0.7 tcp dport 443");
        String table = trace.table().name();

        assertThat(table).matches("nftkeeper_trace_[0-9a-f]{8}");
        assertThat(trace.install().commands()).hasSize(3);
        assertThat(trace.install().toScript())
                .contains("add table inet " + table)
                .contains("add chain inet " + table + " prerouting { type filter hook prerouting priority -301")
                .contains("add rule inet " + table + " prerouting ip saddr 10.0.0.7 tcp dport 443 meta nftrace set 1");
        assertThat(trace.remove().toScript().strip()).isEqualTo("delete table inet " + table);
    }

    @Test
    void twoTracesNeverShareATable() {
        assertThat(TraceChain.matching("tcp dport 1").table())
                .isNotEqualTo(TraceChain.matching("tcp dport 1").table());
    }

    @Test
    void aMatchCannotSmuggleInAnotherCommand() {
        assertThatThrownBy(() -> TraceChain.matching("tcp dport 9; flush ruleset"))
                .isInstanceOf(NftkeeperException.class);
        assertThatThrownBy(() -> TraceChain.matching("tcp dport 9\nflush ruleset"))
                .isInstanceOf(NftkeeperException.class);
    }

    @Test
    void verdictsAreColoredOnlyOnATerminal() {
        String line = "trace id 1 inet web input rule tcp dport 22 drop (verdict drop)";

        assertThat(TraceLines.render(line, false)).isEqualTo(line);
        assertThat(TraceLines.render(line, true)).contains("\u001b[31;1m(verdict drop)\u001b[0m");
    }
}
