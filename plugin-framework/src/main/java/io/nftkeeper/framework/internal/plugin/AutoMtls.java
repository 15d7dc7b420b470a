package io.nftkeeper.framework.internal.plugin;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * go-plugin's AutoMTLS, server side: a fresh self-signed certificate per process, announced in the handshake
 * line, and a client certificate requirement that trusts only the certificate Terraform passed in
 * PLUGIN_CLIENT_CERT.
 */
public final class AutoMtls {
    private final X509Certificate certificate;
    private final KeyPair keyPair;

    private AutoMtls(X509Certificate certificate, KeyPair keyPair) {
        this.certificate = certificate;
        this.keyPair = keyPair;
    }

    public static AutoMtls generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keyPair = generator.generateKeyPair();
            // backdated so a client whose clock is slightly behind still accepts it
            Instant notBefore = Instant.now().minus(Duration.ofSeconds(30));
            Instant notAfter = notBefore.plus(Duration.ofDays(1));
            X500Name name = new X500Name("CN=localhost,O=HashiCorp");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(notBefore), Date.from(notAfter), name, keyPair.getPublic());
            // Go verifies the host name against the SAN only; CN alone is rejected
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(
                    KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyAgreement | KeyUsage.keyCertSign));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
            return new AutoMtls(certificate, keyPair);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new LaunchException("Cannot generate the provider's TLS certificate: " + e.getMessage(), e);
        }
    }

    /** The handshake's certificate field: base64 of the DER bytes, standard alphabet, no padding. */
    public String handshakeField() {
        try {
            return Base64.getEncoder().withoutPadding().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new LaunchException("Cannot encode the provider's TLS certificate", e);
        }
    }

    /**
     * Server TLS that requires a client certificate and trusts only {@code clientCertPem}. Uses the JDK's TLS
     * rather than netty's BoringSSL: Terraform's client key is ECDSA P-521, and BoringSSL does not offer the
     * ecdsa_secp521r1_sha512 signature scheme, so Go would silently send no client certificate.
     */
    public SslContext serverContext(String clientCertPem) {
        try {
            X509Certificate clientCert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(clientCertPem.getBytes(StandardCharsets.US_ASCII)));
            return GrpcSslContexts.configure(SslContextBuilder.forServer(keyPair.getPrivate(), certificate),
                            SslProvider.JDK)
                    .trustManager(clientCert)
                    .clientAuth(ClientAuth.REQUIRE)
                    .build();
        } catch (GeneralSecurityException | IOException e) {
            throw new LaunchException("Cannot set up TLS with the certificate in PLUGIN_CLIENT_CERT: "
                    + e.getMessage(), e);
        }
    }
}
