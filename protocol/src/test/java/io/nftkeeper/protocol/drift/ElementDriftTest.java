package io.nftkeeper.protocol.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ElementDriftTest {

    @Test
    void theSameElementsInAnotherOrderAreClean() {
        ElementDrift<String> drift =
                ElementDrift.between(List.of("10.0.0.1", "10.0.0.2"), List.of("10.0.0.2", "10.0.0.1"));

        assertThat(drift.clean()).isTrue();
    }

    @Test
    void addedIsWhatOnlyTheHostListsAndRemovedWhatOnlyTheRecordHasEachInItsSidesOrder() {
        ElementDrift<String> drift = ElementDrift.between(List.of("a", "b", "c", "d"), List.of("z", "a", "y", "c"));

        assertThat(drift.added()).containsExactly("z", "y");
        assertThat(drift.removed()).containsExactly("b", "d");
        assertThat(drift.clean()).isFalse();
    }

    @Test
    void aRepeatedElementCountsOnce() {
        ElementDrift<String> drift = ElementDrift.between(List.of("a", "a"), List.of("a", "b", "b"));

        assertThat(drift.added()).containsExactly("b");
        assertThat(drift.removed()).isEmpty();
    }
}
