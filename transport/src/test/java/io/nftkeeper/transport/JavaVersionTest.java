package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavaVersionTest {

    @Test
    void modernVersionsAreTheirFirstNumber() {
        assertThat(JavaVersion.major("openjdk version \"17.0.12\" 2024-07-16")).hasValue(17);
        assertThat(JavaVersion.major("openjdk version \"21\" 2023-09-19")).hasValue(21);
        assertThat(JavaVersion.major("java version \"11.0.22\" 2024-01-16 LTS")).hasValue(11);
    }

    @Test
    void legacyOnePointVersionsAreTheirSecondNumber() {
        assertThat(JavaVersion.major("java version \"1.8.0_392\"")).hasValue(8);
    }

    @Test
    void anythingElseIsUnknown() {
        assertThat(JavaVersion.major("bash: java: command not found")).isEmpty();
        assertThat(JavaVersion.major("")).isEmpty();
    }
}
