package io.nftkeeper.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When deleting intervals from an auto-merge set leaves the kept ones whole. */
class AddressIntervalsTest {

    @Test
    void separateAddressesAndPrefixesAreApart() {
        assertThat(AddressIntervals.apart(List.of("10.0.0.5", "10.1.0.0/16"),
                List.of("10.0.0.1", "10.0.0.7", "10.2.0.0/16", "192.168.0.0-192.168.0.9"))).isTrue();
    }

    @Test
    void overlappingOrAdjacentIntervalsAreNot() {
        assertThat(AddressIntervals.apart(List.of("10.0.0.128/25"), List.of("10.0.0.0/24"))).isFalse();
        assertThat(AddressIntervals.apart(List.of("10.0.0.128/25"), List.of("10.0.0.0/25"))).isFalse();
        assertThat(AddressIntervals.apart(List.of("10.0.1.0"), List.of("10.0.0.0-10.0.0.255"))).isFalse();
        assertThat(AddressIntervals.apart(List.of("2001:db8::/64"), List.of("2001:db8::1"))).isFalse();
        assertThat(AddressIntervals.apart(List.of("2001:db8:1::/64"), List.of("2001:db8::1"))).isTrue();
    }

    @Test
    void whatIsNotAnAddressIsNeverKnownToBeSafe() {
        assertThat(AddressIntervals.apart(List.of("10.0.0.1"), List.of("example.org"))).isFalse();
        assertThat(AddressIntervals.apart(List.of("22-80"), List.of("10.0.0.1"))).isFalse();
        assertThat(AddressIntervals.apart(List.of(), List.of("anything"))).isTrue();
    }
}
