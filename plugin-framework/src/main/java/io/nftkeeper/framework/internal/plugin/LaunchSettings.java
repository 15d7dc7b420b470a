package io.nftkeeper.framework.internal.plugin;

import java.util.Arrays;
import java.util.Map;

/**
 * What go-plugin tells a plugin through its environment when Terraform launches it.
 *
 * @param clientCertPem the certificate Terraform will present (AutoMTLS), or null when TLS is disabled
 * @param minPort       lowest port to listen on; 0 with {@code maxPort} 0 means "any free port"
 */
public record LaunchSettings(String clientCertPem, int minPort, int maxPort) {
    static final String MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
    static final String MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
    static final int PROTOCOL_VERSION = 6;

    public boolean tls() {
        return clientCertPem != null;
    }

    /** Reads the launch environment; throws LaunchException with a human explanation when it is unusable. */
    public static LaunchSettings fromEnvironment(Map<String, String> env) {
        if (!MAGIC_COOKIE_VALUE.equals(env.get(MAGIC_COOKIE_KEY))) {
            throw new LaunchException("This is a Terraform provider plugin. It is not meant to be run directly;"
                    + " Terraform starts it when a configuration uses it. (Run it with --debug to serve it for"
                    + " TF_REATTACH_PROVIDERS instead.)");
        }
        String versions = env.getOrDefault("PLUGIN_PROTOCOL_VERSIONS", "");
        if (!versions.isBlank()
                && Arrays.stream(versions.split(","))
                        .map(String::trim)
                        .noneMatch(v -> v.equals(String.valueOf(PROTOCOL_VERSION)))) {
            throw new LaunchException("Terraform offered plugin protocol versions " + versions
                    + ", but this provider speaks only version " + PROTOCOL_VERSION + "; use Terraform 1.0 or newer.");
        }
        int minPort = port(env, "PLUGIN_MIN_PORT");
        int maxPort = port(env, "PLUGIN_MAX_PORT");
        if (minPort > maxPort) {
            throw new LaunchException("PLUGIN_MIN_PORT " + minPort + " is above PLUGIN_MAX_PORT " + maxPort + ".");
        }
        boolean tlsDisabled = !env.getOrDefault("TF_DISABLE_PLUGIN_TLS", "").isEmpty();
        String clientCert = env.get("PLUGIN_CLIENT_CERT");
        if (!tlsDisabled && (clientCert == null || clientCert.isBlank())) {
            throw new LaunchException("Terraform did not pass PLUGIN_CLIENT_CERT, so the provider cannot set up"
                    + " mutual TLS. Set TF_DISABLE_PLUGIN_TLS=1 to run without TLS.");
        }
        return new LaunchSettings(tlsDisabled ? null : clientCert, minPort, maxPort);
    }

    private static int port(Map<String, String> env, String key) {
        String value = env.getOrDefault(key, "").trim();
        if (value.isEmpty()) {
            return 0;
        }
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new LaunchException(key + "=" + value + " is not a port number.");
        }
    }
}
