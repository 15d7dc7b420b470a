package io.nftkeeper.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which listed intervals a delta must delete, and which kept elements it must add back. */
class AddressIntervalsTest {

    @Test
    void anElementListedByItselfIsDeletedAlone() {
        assertThat(AddressIntervals.cut(List.of("10.0.0.1", "10.0.0.5", "10.2.0.0/16"), List.of("10.0.0.5"),
                List.of("10.0.0.1", "10.2.0.0/16")))
                .hasValue(new AddressIntervals.Cut(List.of("10.0.0.5"), List.of()));
    }

    @Test
    void anElementMergedWithKeptOnesTakesTheirIntervalAndAddsThemBack() {
        // nft listed 10.0.0.1, 10.0.0.2, 10.0.0.3 as one range, and three CIDRs as one /23
        assertThat(AddressIntervals.cut(List.of("10.0.0.1-10.0.0.3", "10.9.0.0/23", "10.7.0.1"),
                List.of("10.0.0.2", "10.9.0.128/25"),
                List.of("10.0.0.1", "10.0.0.3", "10.9.0.0/24", "10.9.1.0/24", "10.7.0.1")))
                .hasValue(new AddressIntervals.Cut(List.of("10.0.0.1-10.0.0.3", "10.9.0.0/23"),
                        List.of("10.0.0.1", "10.0.0.3", "10.9.0.0/24", "10.9.1.0/24")));
    }

    @Test
    void whatIsNotAnIpv4AddressPrefixOrRangeHasNoCut() {
        assertThat(AddressIntervals.cut(List.of("10.0.0.1"), List.of("10.0.0.1"), List.of("example.org"))).isEmpty();
        assertThat(AddressIntervals.cut(List.of("2001:db8::1"), List.of("2001:db8::1"), List.of())).isEmpty();
        assertThat(AddressIntervals.cut(List.of("10.0.0.1 comment \"x\""), List.of("10.0.0.1"), List.of()))
                .isEmpty();
        assertThat(AddressIntervals.parse("10.0.0.256")).isNegative();
        assertThat(AddressIntervals.parse("10.0.0.0/33")).isNegative();
        assertThat(AddressIntervals.parse("10.0.0.9-10.0.0.1")).isNegative();
        assertThat(AddressIntervals.parse("10.0.1.7/24")).isEqualTo((0x0A000100L << 32) | 0x0A0001FFL);
    }
}
