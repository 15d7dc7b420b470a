package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Priority;
import org.junit.jupiter.api.Test;

class ChainPrioritiesTest {

    @Test
    void numbersAndNamesWithOffsetsParse() {
        assertThat(ChainPriorities.parse("-300")).contains(Priority.of(-300));
        assertThat(ChainPriorities.parse("dstnat")).contains(Priority.named("dstnat", 0));
        assertThat(ChainPriorities.parse("filter + 10")).contains(Priority.named("filter", 10));
        assertThat(ChainPriorities.parse("mangle-5")).contains(Priority.named("mangle", -5));
    }

    @Test
    void unknownNamesAndOtherTextDoNotParse() {
        assertThat(ChainPriorities.parse("firewall")).isEmpty();
        assertThat(ChainPriorities.parse("filter + ")).isEmpty();
        assertThat(ChainPriorities.parse("0; policy drop")).isEmpty();
        assertThat(ChainPriorities.parse("99999999999")).isEmpty();
    }

    @Test
    void aNumberAndTheNameNftListsItByAreTheSamePriority() {
        assertThat(ChainPriorities.same(Family.INET, "0", "filter")).isTrue();
        assertThat(ChainPriorities.same(Family.INET, "10", "filter + 10")).isTrue();
        assertThat(ChainPriorities.same(Family.IP, "-100", "dstnat")).isTrue();
        assertThat(ChainPriorities.same(Family.IP, "-155", "mangle - 5")).isTrue();
        assertThat(ChainPriorities.same(Family.INET, "0", "filter + 1")).isFalse();
    }

    @Test
    void theBridgeFamilyHasItsOwnNumbers() {
        assertThat(ChainPriorities.same(Family.BRIDGE, "-200", "filter")).isTrue();
        assertThat(ChainPriorities.same(Family.BRIDGE, "0", "filter")).isFalse();
    }
}
