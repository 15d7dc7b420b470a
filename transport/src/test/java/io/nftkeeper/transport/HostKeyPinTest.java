package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostKeyPinTest {

    @Test
    void aPublicKeyLinePinsThatKeyAndItsType() {
        HostKeyPin pin = HostKeyPin.parse(TestKeys.KEY + " root@web1");

        assertThat(pin).isInstanceOf(HostKeyPin.PublicKey.class);
        assertThat(pin.keyType()).contains("ssh-ed25519");
        assertThat(pin.fingerprint()).isEqualTo(TestKeys.KEY_FINGERPRINT);
        assertThat(pin.matches(TestKeys.blob(TestKeys.KEY))).isTrue();
        assertThat(pin.matches(TestKeys.blob(TestKeys.OTHER_KEY))).isFalse();
    }

    @Test
    void aFingerprintPinsAKeyOfAnyType() {
        HostKeyPin pin = HostKeyPin.parse("  " + TestKeys.KEY_FINGERPRINT + "\n");

        assertThat(pin).isEqualTo(new HostKeyPin.Fingerprint(TestKeys.KEY_FINGERPRINT));
        assertThat(pin.keyType()).isEmpty();
        assertThat(pin.matches(TestKeys.blob(TestKeys.KEY))).isTrue();
        assertThat(pin.matches(TestKeys.blob(TestKeys.OTHER_KEY))).isFalse();
    }

    @Test
    void aFingerprintWithBase64PaddingMeansTheSame() {
        assertThat(HostKeyPin.parse(TestKeys.KEY_FINGERPRINT + "=").fingerprint())
                .isEqualTo(TestKeys.KEY_FINGERPRINT);
    }

    @Test
    void somethingElseIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> HostKeyPin.parse("web1.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ssh-ed25519 AAAA...'")
                .hasMessageContaining("'SHA256:...'");
        assertThatThrownBy(() -> HostKeyPin.parse("SHA256:tooShort")).hasMessageContaining("43 base64 characters");
        assertThatThrownBy(() -> HostKeyPin.parse("ssh-ed25519 not*base64")).hasMessageContaining("not valid base64");
    }

    @Test
    void wordsThatAreNotAKeyAreNotMistakenForAnAlgorithm() {
        assertThatThrownBy(() -> HostKeyPin.parse("not a key"))
                .hasMessage("a host key must be a public key line like 'ssh-ed25519 AAAA...' or a fingerprint like "
                        + "'SHA256:...', not 'not a key'");
    }

    @Test
    void aKeyWhoseDataIsOfAnotherTypeIsRefused() {
        String relabelled = "ssh-rsa " + TestKeys.KEY.split(" ")[1];

        assertThatThrownBy(() -> HostKeyPin.parse(relabelled)).hasMessage("the host key's data is not a ssh-rsa key");
    }
}
