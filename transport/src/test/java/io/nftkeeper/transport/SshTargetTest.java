package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshTargetTest {

    private static final Secret KEY = new Secret(TestKeys.PRIVATE_KEY);

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
        assertThat(SshTarget.withKnownHosts("web1", 22, "root", KEY, Path.of("/k"))
                        .hostKeyPin())
                .isEmpty();
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
        assertThatThrownBy(() -> SshTarget.pinned(" ", 22, "root", KEY, TestKeys.KEY))
                .hasMessage("the SSH host is empty");
        assertThatThrownBy(() -> SshTarget.pinned("h", 0, "root", KEY, TestKeys.KEY))
                .hasMessage("SSH port 0 for h is not between 1 and 65535");
        assertThatThrownBy(() -> SshTarget.pinned("h", 22, "", KEY, TestKeys.KEY))
                .hasMessage("the SSH user for h is empty");
        assertThatThrownBy(() -> SshTarget.pinned("h", 22, "root", new Secret(""), TestKeys.KEY))
                .hasMessage("the SSH private key is empty");
    }

    @Test
    void anotherHostKeepsLoginVerificationAndBastion() {
        SshTarget bastion = SshTarget.pinned("jump", 22, "ops", KEY, TestKeys.OTHER_KEY);
        SshTarget web1 =
                SshTarget.pinned("web1", 2222, "deploy", KEY, TestKeys.KEY).via(bastion);

        SshTarget web2 = web1.onHost("web2");

        assertThat(web2)
                .isEqualTo(new SshTarget(
                        "web2", 2222, "deploy", web1.credentials(), web1.hostKeys(), Optional.of(bastion)));
    }

    @Test
    void targetsThatDifferOnlyInTheirBastionAreDifferentPoolKeys() {
        SshTarget direct = SshTarget.pinned("web1", 22, "root", KEY, TestKeys.KEY);
        SshTarget jumped = direct.via(SshTarget.pinned("jump", 22, "root", KEY, TestKeys.OTHER_KEY));

        assertThat(direct).isNotEqualTo(jumped);
        assertThat(direct)
                .isEqualTo(SshTarget.pinned("web1", 22, "root", new Secret(TestKeys.PRIVATE_KEY), TestKeys.KEY));
    }

    @Test
    void printingATargetShowsNoKeyMaterial() {
        SshTarget target = new SshTarget(
                "web1",
                22,
                "root",
                new Credentials.PrivateKey(KEY, Optional.of(new Secret("hunter2"))),
                new HostKeyPolicy.Insecure(),
                Optional.empty());

        assertThat(target.toString())
                .doesNotContain("hunter2")
                .doesNotContain("b3BlbnNzaC1rZXktdjEAAAAA")
                .contains("(sensitive)");
    }
}
