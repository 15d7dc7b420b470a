package io.nftkeeper.provider.transport;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How the provider reaches agents: timeouts, keepalive, where the agent jar lives on hosts and how the provider
 * introduces itself in {@code hello}.
 */
public record TransportSettings(Duration connectTimeout, Duration keepAliveInterval, Duration callTimeout,
                                String agentDirectory, String clientName) {

    public static final String DEFAULT_AGENT_DIRECTORY = "/var/lib/nftkeeper/agent";

    public TransportSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(agentDirectory, "agentDirectory");
        Objects.requireNonNull(clientName, "clientName");
        if (!agentDirectory.startsWith("/")) {
            throw new IllegalArgumentException("the agent directory must be absolute: " + agentDirectory);
        }
    }

    public static TransportSettings defaults() {
        return new TransportSettings(Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(2),
                DEFAULT_AGENT_DIRECTORY, "nftkeeper-provider/" + providerVersion());
    }

    public TransportSettings withConnectTimeout(Duration timeout) {
        return new TransportSettings(timeout, keepAliveInterval, callTimeout, agentDirectory, clientName);
    }

    public TransportSettings withAgentDirectory(String directory) {
        return new TransportSettings(connectTimeout, keepAliveInterval, callTimeout, directory, clientName);
    }

    // the build writes the version into this resource (Maven resource filtering)
    private static String providerVersion() {
        try (InputStream in = TransportSettings.class.getResourceAsStream("/nftkeeper-provider.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
