package io.nftkeeper.framework.internal.plugin;

import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolNames;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * go-plugin's AutoMTLS, server side: a fresh self-signed EC P-256 certificate per process, announced in the
 * handshake line, and a client certificate requirement that trusts only the certificate Terraform passed in
 * PLUGIN_CLIENT_CERT.
 *
 * <p>Everything here is plain JDK: the certificate is encoded by {@link Der} and the key and trust managers are
 * in-memory. netty's own key-material path (PEM round trip, PBE-protected KeyStore, BouncyCastle when present)
 * took about half a second of start-up.
 */
public final class AutoMtls {
    private static final String ALIAS = "plugin";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    private AutoMtls(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /** What the handshake needs: the server's TLS and the certificate field of the handshake line. */
    public record Prepared(SslContext context, String handshakeField) {}

    /** A fresh certificate and the server TLS trusting {@code clientCertPem}; one call, so it can run off the main thread. */
    public static Prepared prepare(String clientCertPem) {
        AutoMtls tls = generate();
        return new Prepared(tls.serverContext(clientCertPem), tls.handshakeField());
    }

    public static AutoMtls generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keyPair = generator.generateKeyPair();
            // backdated so a client whose clock is slightly behind still accepts it
            Instant notBefore = Instant.now().minus(Duration.ofSeconds(30));
            byte[] der = selfSigned(keyPair, notBefore, notBefore.plus(Duration.ofDays(1)));
            X509Certificate certificate = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            return new AutoMtls(certificate, keyPair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new LaunchException("Cannot generate the provider's TLS certificate: " + e.getMessage(), e);
        }
    }

    /** The DER certificate go-plugin's own AutoMTLS would make: CA, server+client auth, SAN DNS:localhost. */
    static byte[] selfSigned(KeyPair keyPair, Instant notBefore, Instant notAfter) throws GeneralSecurityException {
        byte[] name = Der.sequence(
                Der.set(Der.sequence(Der.oid("2.5.4.10"), Der.utf8String("HashiCorp"))),
                Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8String("localhost"))));
        byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
        byte[] extensions = Der.sequence(
                // Go checks the host name against the SAN only; CN alone is rejected
                extension(
                        "2.5.29.17",
                        false,
                        Der.sequence(Der.implicitPrimitive(2, "localhost".getBytes(StandardCharsets.US_ASCII)))),
                extension("2.5.29.19", true, Der.sequence(Der.bool(true))),
                // digitalSignature, keyEncipherment, keyAgreement, keyCertSign: bits 0, 2, 4, 5
                extension("2.5.29.15", true, Der.bitString(2, new byte[] {(byte) 0xac})),
                extension(
                        "2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"), Der.oid("1.3.6.1.5.5.7.3.2"))));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)),
                Der.integer(new BigInteger(127, new SecureRandom()).add(BigInteger.ONE)),
                algorithm,
                name,
                Der.sequence(Der.utcTime(notBefore), Der.utcTime(notAfter)),
                name,
                keyPair.getPublic().getEncoded(),
                Der.explicit(3, extensions));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keyPair.getPrivate());
        signer.update(tbs);
        return Der.sequence(tbs, algorithm, Der.bitString(0, signer.sign()));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    public X509Certificate certificate() {
        return certificate;
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
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    new KeyManager[] {new SingleKeyManager()}, new TrustManager[] {new OnlyTrust(clientCert)}, null);
            ApplicationProtocolConfig h2 = new ApplicationProtocolConfig(
                    ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    ApplicationProtocolNames.HTTP_2);
            return new JdkSslContext(
                    context,
                    false,
                    null,
                    IdentityCipherSuiteFilter.INSTANCE,
                    h2,
                    ClientAuth.REQUIRE,
                    new String[] {"TLSv1.3", "TLSv1.2"},
                    false);
        } catch (GeneralSecurityException e) {
            throw new LaunchException(
                    "Cannot set up TLS with the certificate in PLUGIN_CLIENT_CERT: " + e.getMessage(), e);
        }
    }

    /** Offers our one EC key and certificate. */
    private final class SingleKeyManager extends X509ExtendedKeyManager {
        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return "EC".equals(keyType) ? ALIAS : null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return chooseEngineServerAlias(keyType, issuers, null);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return "EC".equals(keyType) ? new String[] {ALIAS} : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? new X509Certificate[] {certificate} : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? privateKey : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    /** Accepts exactly the client certificate Terraform announced, while it is valid; nothing else. */
    static final class OnlyTrust extends X509ExtendedTrustManager {
        private final X509Certificate trusted;

        OnlyTrust(X509Certificate trusted) {
            this.trusted = trusted;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0 || !Arrays.equals(chain[0].getEncoded(), trusted.getEncoded())) {
                throw new CertificateException("client certificate is not the one in PLUGIN_CLIENT_CERT");
            }
            chain[0].checkValidity();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("this trust manager only checks clients");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        /** Sent in the CertificateRequest; Go's client picks the certificate whose issuer is listed here. */
        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[] {trusted};
        }
    }
}
