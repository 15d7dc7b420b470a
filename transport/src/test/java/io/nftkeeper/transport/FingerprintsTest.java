package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    @Test
    void aKeyFingerprintIsWhatSshKeygenPrints() {
        assertThat(Fingerprints.sha256(TestKeys.blob(TestKeys.KEY))).isEqualTo(TestKeys.KEY_FINGERPRINT);
        assertThat(Fingerprints.sha256(TestKeys.blob(TestKeys.OTHER_KEY))).isEqualTo(TestKeys.OTHER_FINGERPRINT);
    }

    @Test
    void aFileHashIsWhatSha256sumPrints() {
        assertThat(Fingerprints.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aKeyBlobNamesItsAlgorithm() {
        assertThat(Fingerprints.algorithmOf(TestKeys.blob(TestKeys.KEY))).isEqualTo("ssh-ed25519");
        assertThat(Fingerprints.algorithmOf(new byte[] {0, 0, 0, 99, 'x'})).isEmpty();
        assertThat(Fingerprints.algorithmOf(new byte[0])).isEmpty();
    }
}
