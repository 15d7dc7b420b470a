package io.nftkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountedTest {

    @Test
    void oneIsSingularEverythingElsePlural() {
        assertThat(Counted.of(1, "host")).isEqualTo("1 host");
        assertThat(Counted.of(0, "error")).isEqualTo("0 errors");
        assertThat(Counted.of(50, "host")).isEqualTo("50 hosts");
    }
}
