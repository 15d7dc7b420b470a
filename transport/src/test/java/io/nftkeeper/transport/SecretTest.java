package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void printsAsSensitiveAndNeverItsContent() {
        Secret key = new Secret(TestKeys.PRIVATE_KEY);

        assertThat(key.toString()).isEqualTo("(sensitive)");
        assertThat(String.valueOf(key)).doesNotContain("PRIVATE KEY");
    }

    @Test
    void aTargetPrintsItsKeyAsSensitive() {
        SshTarget target = SshTarget.pinned("10.213.0.2", 22, "root", new Secret(TestKeys.PRIVATE_KEY), TestKeys.KEY);

        assertThat(target.toString()).contains("(sensitive)").doesNotContain("PRIVATE KEY", "b3BlbnNzaC1rZXkt");
    }

    @Test
    void revealGivesTheContentBack() {
        assertThat(new Secret("s3cret").reveal()).isEqualTo("s3cret");
        assertThat(new Secret("s3cret").revealBytes()).isEqualTo("s3cret".getBytes());
    }

    @Test
    void secretsWithTheSameContentAreEqualSoTargetsCanKeyAPool() {
        assertThat(new Secret("a")).isEqualTo(new Secret("a")).isNotEqualTo(new Secret("b"));
        SshTarget first = SshTarget.pinned("h", 22, "root", new Secret("k"), TestKeys.KEY);
        SshTarget second = SshTarget.pinned("h", 22, "root", new Secret("k"), TestKeys.KEY);
        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    }
}
