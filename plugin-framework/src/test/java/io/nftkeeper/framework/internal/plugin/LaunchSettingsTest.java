package io.nftkeeper.framework.internal.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchSettingsTest {
    private static Map<String, String> terraformEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("TF_PLUGIN_MAGIC_COOKIE", LaunchSettings.MAGIC_COOKIE_VALUE);
        env.put("PLUGIN_PROTOCOL_VERSIONS", "5,6");
        env.put("PLUGIN_MIN_PORT", "10000");
        env.put("PLUGIN_MAX_PORT", "25000");
        env.put("PLUGIN_CLIENT_CERT", "-----BEGIN CERTIFICATE-----\n...");
        return env;
    }

    @Test
    void withoutTheMagicCookieTheProviderExplainsItIsAPlugin() {
        Map<String, String> env = terraformEnv();
        env.remove("TF_PLUGIN_MAGIC_COOKIE");
        assertThatThrownBy(() -> LaunchSettings.fromEnvironment(env))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("not meant to be run directly");
    }

    @Test
    void protocolSixIsPickedFromTheOfferedVersions() {
        LaunchSettings settings = LaunchSettings.fromEnvironment(terraformEnv());
        assertThat(settings.tls()).isTrue();
        assertThat(settings.minPort()).isEqualTo(10000);
        assertThat(settings.maxPort()).isEqualTo(25000);
    }

    @Test
    void aTerraformThatOnlySpeaksFiveIsRefused() {
        Map<String, String> env = terraformEnv();
        env.put("PLUGIN_PROTOCOL_VERSIONS", "5");
        assertThatThrownBy(() -> LaunchSettings.fromEnvironment(env)).hasMessageContaining("only version 6");
    }

    @Test
    void disablingTlsServesPlaintext() {
        Map<String, String> env = terraformEnv();
        env.put("TF_DISABLE_PLUGIN_TLS", "1");
        assertThat(LaunchSettings.fromEnvironment(env).tls()).isFalse();
    }

    @Test
    void theCertificateFieldIsUnpaddedBase64OfDer() {
        String field = AutoMtls.generate().handshakeField();
        assertThat(field).doesNotContain("=").matches("[A-Za-z0-9+/]+");
        assertThat(java.util.Base64.getDecoder().decode(field)[0])
                .as("DER SEQUENCE")
                .isEqualTo((byte) 0x30);
    }
}
