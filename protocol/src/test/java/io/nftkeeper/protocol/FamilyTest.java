package io.nftkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FamilyTest {

    @Test
    void parsesNftKeywords() {
        for (Family family : Family.values()) {
            assertThat(Family.parse(family.nftName())).contains(family);
        }
        assertThat(Family.parse("INET")).isEmpty();
        assertThat(Family.parse("ipv4")).isEmpty();
        assertThat(Family.parse(null)).isEmpty();
    }

    @Test
    void nftNamesAreTheKeywordsNftUses() {
        assertThat(Family.values())
                .extracting(Family::nftName)
                .containsExactly("ip", "ip6", "inet", "arp", "bridge", "netdev");
    }
}
