package io.nftkeeper.agent.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which listed intervals a delta must delete, and which kept elements it must add back. */
class AddressIntervalsTest {

    @Test
    void anElementListedByItselfIsDeletedAlone() {
        assertThat(AddressIntervals.cut(
                        List.of("10.0.0.1", "10.0.0.5", "10.2.0.0/16"),
                        List.of("10.0.0.5"),
                        List.of("10.0.0.1", "10.2.0.0/16")))
                .hasValue(new AddressIntervals.Cut(List.of("10.0.0.5"), List.of()));
    }

    @Test
    void anElementMergedWithKeptOnesTakesTheirIntervalAndAddsThemBack() {
        // nft listed 10.0.0.1, 10.0.0.2, 10.0.0.3 as one range, and three CIDRs as one /23
        assertThat(AddressIntervals.cut(
                        List.of("10.0.0.1-10.0.0.3", "10.9.0.0/23", "10.7.0.1"),
                        List.of("10.0.0.2", "10.9.0.128/25"),
                        List.of("10.0.0.1", "10.0.0.3", "10.9.0.0/24", "10.9.1.0/24", "10.7.0.1")))
                .hasValue(new AddressIntervals.Cut(
                        List.of("10.0.0.1-10.0.0.3", "10.9.0.0/23"),
                        List.of("10.0.0.1", "10.0.0.3", "10.9.0.0/24", "10.9.1.0/24")));
    }

    @Test
    void ipv6IntervalsAreCutTheSameWay() {
        // nft listed 2001:db8::/127 (two addresses merged) and a /48 made of two /49s
        assertThat(AddressIntervals.cut(
                        List.of("2001:db8::/127", "2001:db8:1::/48", "fe80::1"),
                        List.of("2001:db8::1", "2001:db8:1:8000::/49"),
                        List.of("2001:db8::", "2001:db8:1::/49", "fe80::1")))
                .hasValue(new AddressIntervals.Cut(
                        List.of("2001:db8::/127", "2001:db8:1::/48"), List.of("2001:db8::", "2001:db8:1::/49")));
    }

    @Test
    void ipv6TextIsReadAsRfc4291WritesIt() {
        assertThat(span("::")).isEqualTo(span("0:0:0:0:0:0:0:0"));
        assertThat(span("::ffff:10.0.0.1")).isEqualTo(span("::ffff:a00:1"));
        assertThat(span("2001:db8::-2001:db8::ff")).isEqualTo(span("2001:db8::/120"));
        assertThat(span("fe80::1"))
                .isEqualTo(new AddressIntervals.Span(0xfe80_0000_0000_0000L, 1, 0xfe80_0000_0000_0000L, 1));
        assertThat(span("::/0")).isEqualTo(new AddressIntervals.Span(0, 0, -1L, -1L));
        assertThat(span("2001:db8::/65"))
                .isEqualTo(new AddressIntervals.Span(
                        0x2001_0db8_0000_0000L, 0, 0x2001_0db8_0000_0000L, 0x7fff_ffff_ffff_ffffL));
        for (String bad : new String[] {
            "1::2::3",
            "1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:8:9",
            "12345::",
            "g::",
            "fe80::1%eth0",
            "::/129",
            "10.0.0.1-::1",
            "::2-::1"
        }) {
            assertThat(AddressIntervals.span(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void whatIsNotAnAddressPrefixOrRangeHasNoCut() {
        assertThat(AddressIntervals.cut(List.of("10.0.0.1"), List.of("10.0.0.1"), List.of("example.org")))
                .isEmpty();
        assertThat(AddressIntervals.cut(List.of("10.0.0.1 comment \"x\""), List.of("10.0.0.1"), List.of()))
                .isEmpty();
        assertThat(AddressIntervals.span("10.0.0.256")).isEmpty();
        assertThat(AddressIntervals.span("10.0.0.0/33")).isEmpty();
        assertThat(AddressIntervals.span("10.0.0.9-10.0.0.1")).isEmpty();
        assertThat(span("10.0.1.7/24")).isEqualTo(new AddressIntervals.Span(0, 0x0A000100L, 0, 0x0A0001FFL));
    }

    private static AddressIntervals.Span span(String element) {
        return AddressIntervals.span(element).orElseThrow();
    }
}
