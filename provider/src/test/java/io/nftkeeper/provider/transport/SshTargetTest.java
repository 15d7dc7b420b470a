package io.nftkeeper.provider.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshTargetTest {

    private static final Secret KEY = new Secret(TestKeys.PRIVATE_KEY);

    @Test
    void aTargetNeedsAHostKeyOrAKnownHostsFileBecauseVerificationIsOn() {
        assertThatThrownBy(() -> new SshTarget("10.213.0.2", 22, "root", KEY, Optional.empty(), Optional.empty()))
                .isInstanceOf(TransportException.class)
                .hasMessage("cannot verify the identity of 10.213.0.2: give its host key (a public key line "
                        + "'ssh-ed25519 AAAA...' or a fingerprint 'SHA256:...') or a known_hosts file");
    }

    @Test
    void anUnusablePinIsReportedForItsHostWithoutEchoingIt() {
        assertThatThrownBy(() -> SshTarget.pinned("web1", 22, "root", KEY, "SHA256:oops"))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("the host key given for web1 is not usable: ")
                .hasMessageNotContaining("oops");
    }

    @Test
    void thePinIsParsedFromTheHostKey() {
        SshTarget target = SshTarget.pinned("web1", 22, "root", KEY, TestKeys.KEY_FINGERPRINT);

        assertThat(target.hostKeyPin()).contains(new HostKeyPin.Fingerprint(TestKeys.KEY_FINGERPRINT));
        assertThat(SshTarget.withKnownHosts("web1", 22, "root", KEY, Path.of("/k")).hostKeyPin()).isEmpty();
    }

    @Test
    void messagesNameTheTargetAsUserAtHostAndPort() {
        assertThat(SshTarget.pinned("10.213.0.2", 22, "root", KEY, TestKeys.KEY).endpoint())
                .isEqualTo("root@10.213.0.2:22");
        assertThat(SshTarget.pinned("fd00::2", 2222, "ops", KEY, TestKeys.KEY).endpoint())
                .isEqualTo("ops@[fd00::2]:2222");
    }

    @Test
    void emptyHostUserKeyAndBadPortsAreRefused() {
        assertThatThrownBy(() -> SshTarget.pinned(" ", 22, "root", KEY, TestKeys.KEY)).hasMessage("the SSH host is empty");
        assertThatThrownBy(() -> SshTarget.pinned("h", 0, "root", KEY, TestKeys.KEY))
                .hasMessage("SSH port 0 for h is not between 1 and 65535");
        assertThatThrownBy(() -> SshTarget.pinned("h", 22, "", KEY, TestKeys.KEY))
                .hasMessage("the SSH user for h is empty");
        assertThatThrownBy(() -> SshTarget.pinned("h", 22, "root", new Secret(""), TestKeys.KEY))
                .hasMessage("the SSH private key for root@h is empty");
    }
}
