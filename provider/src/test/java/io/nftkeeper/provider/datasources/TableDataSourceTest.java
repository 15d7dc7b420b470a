package io.nftkeeper.provider.datasources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.CtExpectation;
import io.nftkeeper.protocol.CtHelper;
import io.nftkeeper.protocol.CtTimeout;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Flowtable;
import io.nftkeeper.protocol.Limit;
import io.nftkeeper.protocol.LimitUnit;
import io.nftkeeper.protocol.Quota;
import io.nftkeeper.protocol.RatePeriod;
import io.nftkeeper.protocol.Secmark;
import io.nftkeeper.protocol.Synproxy;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.live.LiveBaseChain;
import io.nftkeeper.protocol.live.LiveChain;
import io.nftkeeper.protocol.live.LiveCounter;
import io.nftkeeper.protocol.live.LiveMap;
import io.nftkeeper.protocol.live.LiveQuota;
import io.nftkeeper.protocol.live.LiveRule;
import io.nftkeeper.protocol.live.LiveSet;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.wire.TableContents;
import io.nftkeeper.protocol.wire.TableListing;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableDataSourceTest {
    private static final TableRef EDGE = new TableRef(Family.INET, "edge");
    private static final TableRef WEB = new TableRef(Family.INET, "web");
    private static final LiveBaseChain INPUT = new LiveBaseChain("filter", "input", "filter", "drop", List.of());
    private static final String TEXT = "table inet edge {\n\tflags dormant\n}\n";

    @Test
    void aTableShowsItsFlagsCommentObjectNamesAndText() {
        LiveTable live = new LiveTable(
                Family.INET,
                "edge",
                List.of("dormant"),
                "edge firewall",
                List.of(new LiveChain("input", INPUT, List.of()), new LiveChain("ssh_in", null, List.of())),
                List.of(new LiveSet("admins", "ipv4_addr", null, Set.of(), null, null, null, false, List.of())),
                List.of(new LiveMap(
                        "ports", "inet_service", null, "verdict", Set.of(), null, null, null, List.of(), Map.of())),
                List.of(new LiveCounter("ssh", 0, 0)),
                List.of(new LiveQuota(new Quota(EDGE, "month", 1000, false), 0)),
                List.of(new Limit(EDGE, "slow", 10, LimitUnit.PACKETS, RatePeriod.SECOND, null, false)),
                List.of(),
                List.of());
        TableListing listing = TableListing.present(EDGE, false, live, TEXT);

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
    void countersQuotasAndTheAnonymousCountersOfRulesShowWhatTheyCounted() {
        LiveTable live = new LiveTable(
                Family.INET,
                "web",
                List.of(),
                null,
                List.of(new LiveChain(
                        "input",
                        INPUT,
                        List.of(
                                new LiveRule("tcp dport 22 accept", "tcp dport 22 accept", null, 5, null, null),
                                new LiveRule(
                                        "icmp type echo-request counter",
                                        "icmp type echo-request counter",
                                        null,
                                        6,
                                        3L,
                                        252L),
                                new LiveRule("counter name \"hits\"", "counter name \"hits\"", null, 7, null, null)))),
                List.of(),
                List.of(),
                List.of(new LiveCounter("hits", 7, 588)),
                List.of(new LiveQuota(new Quota(WEB, "month", 1000, true), 120)),
                List.of(),
                List.of(),
                List.of());
        TableListing listing = TableListing.present(WEB, true, live, "table inet web {\n}\n");

        TableDataSource.State state = TableDataSource.State.of("web1", listing);

        assertThat(state.counterValues()).containsExactly(Map.entry("hits", new CounterValues.CounterState(7L, 588L)));
        assertThat(state.quotaValues())
                .containsExactly(Map.entry("month", new CounterValues.QuotaState(1000L, 120L, true)));
        assertThat(state.ruleCounters())
                .containsExactly(
                        new CounterValues.RuleCounterState("input", 6L, "icmp type echo-request counter", 3L, 252L));
        Value value = Values.fromRecord(TableDataSource.schemaV0().objectType(), state);
        assertThat(value.get("rule_counters").asList().get(0).get("packets").asLong())
                .isEqualTo(3L);
        assertThat(value.get("counter_values").asMap().get("hits").get("bytes").asLong())
                .isEqualTo(588L);
    }

    @Test
    void aPlainTableHasNoFlagsNoCommentAndNoObjects() {
        TableRef nat = new TableRef(Family.IP, "nat");
        TableListing listing = TableListing.present(nat, true, LiveTable.empty(nat), "table ip nat {\n}\n");

        TableDataSource.State state = TableDataSource.State.of("web1", listing);

        assertThat(state.flags()).isEqualTo(Set.of());
        assertThat(state.comment()).isNull();
        assertThat(state.chains()).isEqualTo(List.of());
        assertThat(Values.fromRecord(TableDataSource.schemaV0().objectType(), state)
                        .get("comment")
                        .isNull())
                .isTrue();
    }

    @Test
    void flowtablesCtObjectsSynproxiesAndSecmarksAreListedByKind() {
        LiveTable live = new LiveTable(
                Family.INET,
                "web",
                List.of(),
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(
                        new Flowtable(WEB, "ft", "ingress", 0, List.of("lo"), List.of()),
                        new CtHelper(WEB, "ftp-standard", "ftp", "tcp", "inet"),
                        new CtTimeout(WEB, "tcp-short", "tcp", "ip", Map.of("established", 120L)),
                        new CtExpectation(WEB, "e1", "tcp", 22, 60_000, 12, "ip"),
                        new Synproxy(WEB, "www", 1400, 5, false, false),
                        new Synproxy(WEB, "mail", 1460, 7, true, true),
                        new Secmark(WEB, "ssh", "system_u:object_r:ssh_server_packet_t:s0")),
                List.of());

        TableContents contents = live.contents();

        assertThat(contents.flowtables()).containsExactly("ft");
        assertThat(contents.ctHelpers()).containsExactly("ftp-standard");
        assertThat(contents.ctTimeouts()).containsExactly("tcp-short");
        assertThat(contents.ctExpectations()).containsExactly("e1");
        assertThat(contents.synproxies()).containsExactly("www", "mail");
        assertThat(contents.secmarks()).containsExactly("ssh");
        assertThat(contents.counters()).isEmpty();
        assertThat(contents.byKind().get("ct helper")).containsExactly("ftp-standard");
    }
}
