package io.nftkeeper.agent.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.ElementLists;
import io.nftkeeper.protocol.live.LiveMap;
import io.nftkeeper.protocol.live.LiveSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing nft 1.0.6 stateless set listings (text copied from `nft -s list table inet t` on Debian 12). */
class ListedSetsTest {
    private static final String LISTING = """
            table inet t {
            \tset s {
            \t\ttype ipv4_addr
            \t\tflags interval
            \t\telements = { 10.0.0.0/8, 172.16.0.1,
            \t\t\t     192.168.1.0/24 }
            \t}

            \tset c {
            \t\ttype ipv4_addr . inet_service
            \t\telements = { 10.0.0.1 . 22,
            \t\t\t     10.0.0.2 . 80 }
            \t}

            \tset d {
            \t\ttype ipv4_addr
            \t\tsize 100
            \t\tflags dynamic,timeout
            \t\ttimeout 1m
            \t\telements = { 9.9.9.9 }
            \t}

            \tset e {
            \t\ttype ipv4_addr
            \t\tpolicy memory
            \t\tflags interval
            \t\tauto-merge
            \t}

            \tmap m {
            \t\ttype ipv4_addr : verdict
            \t\telements = { 10.0.0.1 comment "x : y" : drop,
            \t\t\t     10.0.0.2 : accept }
            \t}

            \tmap marks {
            \t\ttypeof ip saddr : meta mark
            \t\tpolicy memory
            \t\tsize 100
            \t\telements = { 10.0.0.1 : 0x00000005 }
            \t}

            \tchain input {
            \t\ttype filter hook input priority filter; policy accept;
            \t\tip saddr @s accept
            \t}
            }
            """;

    @Test
    void elementsContinuedOnSeveralLinesAreOneList() {
        LiveSet s = set("s");
        assertThat(s.type()).isEqualTo("ipv4_addr");
        assertThat(s.flags()).containsExactly("interval");
        assertThat(s.elements()).containsExactly("10.0.0.0/8", "172.16.0.1", "192.168.1.0/24");
    }

    @Test
    void concatenatedElementsKeepTheirDots() {
        LiveSet c = set("c");
        assertThat(c.type()).isEqualTo("ipv4_addr . inet_service");
        assertThat(c.elements()).containsExactly("10.0.0.1 . 22", "10.0.0.2 . 80");
    }

    @Test
    void propertiesJsonDropsAreRead() {
        LiveSet d = set("d");
        assertThat(d.flags()).containsExactlyInAnyOrder("dynamic", "timeout");
        assertThat(d.size()).isEqualTo(100L);
        assertThat(d.timeout()).isEqualTo("1m");
        LiveSet e = set("e");
        assertThat(e.policy()).isEqualTo("memory");
        assertThat(e.autoMerge()).isTrue();
        assertThat(e.elements()).isEmpty();
    }

    @Test
    void chainsAreNotSets() {
        assertThat(ListedSets.parse(LISTING).sets()).extracting(LiveSet::name).containsExactly("s", "c", "d", "e");
    }

    @Test
    void commasInsideQuotesDoNotSplitElements() {
        assertThat(ElementLists.split(" 1.1.1.1 comment \"a, b\", 2.2.2.2 }"))
                .isEqualTo(List.of("1.1.1.1 comment \"a, b\"", "2.2.2.2"));
    }

    @Test
    void aMapSplitsItsTypeAndEachEntryIntoKeyAndValue() {
        LiveMap m = ListedSets.parse(LISTING).maps().get(0);
        assertThat(m.type()).isEqualTo("ipv4_addr");
        assertThat(m.typeof()).isNull();
        assertThat(m.value()).isEqualTo("verdict");
        LiveMap marks = ListedSets.parse(LISTING).maps().get(1);
        assertThat(marks.typeof()).isEqualTo("ip saddr");
        assertThat(marks.type()).isNull();
        assertThat(marks.value()).isEqualTo("meta mark");
        assertThat(marks.size()).isEqualTo(100L);
        assertThat(m.entries())
                .containsExactly(Map.entry("10.0.0.1 comment \"x : y\"", "drop"), Map.entry("10.0.0.2", "accept"));
    }

    private static LiveSet set(String name) {
        return ListedSets.parse(LISTING).sets().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
