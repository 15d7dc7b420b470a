package io.nftkeeper.framework.internal.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written certificate must be what go-plugin's client checks: SAN localhost, CA, valid now, self-signed. */
class AutoMtlsTest {
    @Test
    void theCertificateIsASelfSignedCaForLocalhostValidNow() throws Exception {
        X509Certificate cert = AutoMtls.generate().certificate();
        cert.checkValidity();
        cert.verify(cert.getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost,O=HashiCorp");
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, "localhost"));
        assertThat(cert.getBasicConstraints()).as("CA").isEqualTo(Integer.MAX_VALUE);
        assertThat(cert.getKeyUsage()).startsWith(true, false, true, false, true, true);
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(cert.getNotBefore().toInstant()).isBefore(Instant.now().minusSeconds(20));
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void theHandshakeFieldIsUnpaddedBase64OfTheDer() throws Exception {
        AutoMtls tls = AutoMtls.generate();
        String field = tls.handshakeField();
        assertThat(field).doesNotEndWith("=");
        assertThat(Base64.getDecoder().decode(field))
                .isEqualTo(tls.certificate().getEncoded());
    }

    @Test
    void onlyTheAnnouncedClientCertificateIsTrusted() throws Exception {
        X509Certificate terraform = certificate();
        AutoMtls.OnlyTrust trust = new AutoMtls.OnlyTrust(terraform);
        trust.checkClientTrusted(new X509Certificate[] {terraform}, "EC");
        assertThat(trust.getAcceptedIssuers()).containsExactly(terraform);
        assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[] {certificate()}, "EC"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void derLengthsAboveOneTwentySevenUseTheLongForm() {
        assertThat(Der.tagged(0x04, new byte[200])).startsWith(0x04, 0x81, 200);
        assertThat(Der.tagged(0x04, new byte[300])).startsWith(0x04, 0x82, 0x01, 0x2c);
        assertThat(Der.oid("1.2.840.10045.4.3.2"))
                .containsExactly(0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02);
    }

    private static X509Certificate certificate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] der = AutoMtls.selfSigned(
                pair, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
