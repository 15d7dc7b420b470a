package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.HostKeyRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKeyCheckTest {

    private static final Secret KEY = new Secret(TestKeys.PRIVATE_KEY);

    @TempDir
    Path dir;

    @Test
    void thePinnedKeyIsAccepted() {
        HostKeyCheck check = HostKeyCheck.forTarget(SshTarget.pinned("10.213.0.2", 22, "root", KEY, TestKeys.KEY));

        assertThat(check.check("10.213.0.2", TestKeys.blob(TestKeys.KEY))).isEqualTo(HostKeyRepository.OK);
        assertThat(check.rejection()).isEmpty();
        assertThat(check.expectedKeyType()).contains("ssh-ed25519");
    }

    @Test
    void theInsecurePolicyAcceptsAnyKeyWithoutPinningAType() {
        HostKeyCheck check = HostKeyCheck.forTarget(new SshTarget(
                "10.213.0.2",
                22,
                "root",
                new Credentials.PrivateKey(KEY, java.util.Optional.empty()),
                new HostKeyPolicy.Insecure(),
                java.util.Optional.empty()));

        assertThat(check.check("10.213.0.2", TestKeys.blob(TestKeys.OTHER_KEY))).isEqualTo(HostKeyRepository.OK);
        assertThat(check.rejection()).isEmpty();
        assertThat(check.expectedKeyType()).isEmpty();
    }

    @Test
    void anotherKeyIsRefusedShowingBothFingerprintsAndTheHost() {
        HostKeyCheck check =
                HostKeyCheck.forTarget(SshTarget.pinned("10.213.0.2", 22, "root", KEY, TestKeys.KEY_FINGERPRINT));

        assertThat(check.check("10.213.0.2", TestKeys.blob(TestKeys.OTHER_KEY))).isEqualTo(HostKeyRepository.CHANGED);
        assertThat(check.rejection())
                .get()
                .extracting(Throwable::getMessage)
                .asString()
                .startsWith("host key verification failed for 10.213.0.2:22: expected " + TestKeys.KEY_FINGERPRINT
                        + ", the server presented " + TestKeys.OTHER_FINGERPRINT + " (ssh-ed25519)");
    }

    @Test
    void aKnownHostsEntryIsAcceptedAndAnotherKeyRefused() throws Exception {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "10.213.0.2 " + TestKeys.KEY + "\n");
        SshTarget target = SshTarget.withKnownHosts("10.213.0.2", 22, "root", KEY, knownHosts);

        HostKeyCheck accepting = HostKeyCheck.forTarget(target);
        assertThat(accepting.check("10.213.0.2", TestKeys.blob(TestKeys.KEY))).isEqualTo(HostKeyRepository.OK);
        assertThat(accepting.rejection()).isEmpty();

        HostKeyCheck refusing = HostKeyCheck.forTarget(target);
        assertThat(refusing.check("10.213.0.2", TestKeys.blob(TestKeys.OTHER_KEY)))
                .isNotEqualTo(HostKeyRepository.OK);
        assertThat(refusing.rejection())
                .get()
                .extracting(Throwable::getMessage)
                .asString()
                .contains("expected " + TestKeys.KEY_FINGERPRINT + " (from " + knownHosts + ")")
                .contains("the server presented " + TestKeys.OTHER_FINGERPRINT);
    }

    @Test
    void aHostMissingFromKnownHostsIsRefusedNamingTheFile() throws Exception {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "10.213.0.6 " + TestKeys.KEY + "\n");
        HostKeyCheck check =
                HostKeyCheck.forTarget(SshTarget.withKnownHosts("10.213.0.2", 22, "root", KEY, knownHosts));

        assertThat(check.check("10.213.0.2", TestKeys.blob(TestKeys.KEY))).isEqualTo(HostKeyRepository.NOT_INCLUDED);
        assertThat(check.rejection())
                .get()
                .extracting(Throwable::getMessage)
                .asString()
                .isEqualTo("host key verification failed for 10.213.0.2:22: 10.213.0.2 has no entry in " + knownHosts
                        + "; the server presented " + TestKeys.KEY_FINGERPRINT + " (ssh-ed25519)");
    }

    @Test
    void aMissingKnownHostsFileIsReportedBeforeConnecting() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> HostKeyCheck.forTarget(SshTarget.withKnownHosts("web1", 22, "root", KEY, missing)))
                .isInstanceOf(TransportException.class)
                .hasMessage("cannot verify the identity of web1:22: the known_hosts file " + missing
                        + " does not exist or is not readable");
    }

    @Test
    void nothingIsRefusedBeforeTheServerPresentedAKey() {
        HostKeyCheck check = HostKeyCheck.forTarget(SshTarget.pinned("h", 22, "root", KEY, TestKeys.KEY));

        assertThat(check.rejection()).isEmpty();
    }

    @Test
    void aRevokedKeyIsRefusedEvenWhereAnotherLineListsItAndSaysSo() throws Exception {
        Path knownHosts = Files.writeString(
                dir.resolve("known_hosts"), "10.213.0.2 " + TestKeys.KEY + "\n" + "@revoked * " + TestKeys.KEY + "\n");
        HostKeyCheck check =
                HostKeyCheck.forTarget(SshTarget.withKnownHosts("10.213.0.2", 22, "root", KEY, knownHosts));

        assertThat(check.check("10.213.0.2", TestKeys.blob(TestKeys.KEY))).isNotEqualTo(HostKeyRepository.OK);
        TransportException refused = check.rejection().orElseThrow();
        assertThat(refused.getMessage())
                .isEqualTo("host key verification failed for 10.213.0.2:22: the server "
                        + "presented " + TestKeys.KEY_FINGERPRINT + " (ssh-ed25519), which " + knownHosts
                        + " marks @revoked: "
                        + "a revoked key is never accepted. Give the host a new host key and list that one");
        assertThat(refused.isHostKeyRefused()).isTrue();
        assertThat(refused.isTransient()).isFalse();
    }

    @Test
    void aRevokedLineCountsOnlyForTheHostsItsPatternsMatch() throws Exception {
        Path knownHosts = Files.writeString(
                dir.resolve("known_hosts"),
                "10.213.0.2,[10.213.0.2]:2222 "
                        + TestKeys.KEY + "\n@revoked 10.213.0.9,10.213.0.2 " + TestKeys.OTHER_KEY + "\n"
                        + "@revoked 10.213.0.*,!10.213.0.2 " + TestKeys.KEY + "\n");

        HostKeyCheck port22 =
                HostKeyCheck.forTarget(SshTarget.withKnownHosts("10.213.0.2", 22, "root", KEY, knownHosts));
        assertThat(port22.check("10.213.0.2", TestKeys.blob(TestKeys.KEY))).isEqualTo(HostKeyRepository.OK);
        HostKeyCheck otherPort =
                HostKeyCheck.forTarget(SshTarget.withKnownHosts("10.213.0.2", 2222, "root", KEY, knownHosts));
        assertThat(otherPort.check("[10.213.0.2]:2222", TestKeys.blob(TestKeys.KEY)))
                .isEqualTo(HostKeyRepository.OK);
        HostKeyCheck revokedOther =
                HostKeyCheck.forTarget(SshTarget.withKnownHosts("10.213.0.2", 22, "root", KEY, knownHosts));
        assertThat(revokedOther.check("10.213.0.2", TestKeys.blob(TestKeys.OTHER_KEY)))
                .isNotEqualTo(HostKeyRepository.OK);
        assertThat(revokedOther.rejection().orElseThrow().getMessage()).contains("marks @revoked");
    }

    @Test
    void aCertAuthorityLineIsNoPinOfAHostKeyAndTheRefusalSaysCertificatesAreNotSupported() throws Exception {
        Path knownHosts =
                Files.writeString(dir.resolve("known_hosts"), "@cert-authority 10.213.0.* " + TestKeys.KEY + "\n");
        HostKeyCheck check =
                HostKeyCheck.forTarget(SshTarget.withKnownHosts("10.213.0.2", 22, "root", KEY, knownHosts));

        assertThat(check.check("10.213.0.2", TestKeys.blob(TestKeys.KEY))).isNotEqualTo(HostKeyRepository.OK);
        assertThat(check.rejection().orElseThrow().getMessage())
                .isEqualTo("host key verification failed for "
                        + "10.213.0.2:22: " + knownHosts
                        + " has only @cert-authority lines for 10.213.0.2, and nftkeeper "
                        + "does not support host certificates; list the host's own key in " + knownHosts
                        + " (ssh-keyscan) "
                        + "or pin it with host_key. The server presented " + TestKeys.KEY_FINGERPRINT
                        + " (ssh-ed25519)");
    }

    @Test
    void hostPatternsMatchAsOpenSshMatchesThem() {
        assertThat(HostPatterns.matches("*", "10.213.0.2")).isTrue();
        assertThat(HostPatterns.matches("web?.example.org", "WEB1.example.org")).isTrue();
        assertThat(HostPatterns.matches("*.example.org,!db.example.org", "db.example.org"))
                .isFalse();
        assertThat(HostPatterns.matches("10.213.0.2", "[10.213.0.2]:2222")).isFalse();
        assertThat(HostPatterns.matches("[10.213.0.2]:2222", "[10.213.0.2]:2222"))
                .isTrue();
        assertThat(HostPatterns.matches("!10.213.0.2", "10.213.0.3")).isFalse();
    }
}
