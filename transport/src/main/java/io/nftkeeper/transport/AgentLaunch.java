package io.nftkeeper.transport;

import io.nftkeeper.protocol.NftDuration;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the agent runs on a host: which java starts it ({@code java} resolves through the login's PATH; {@code runtime}
 * says whether the bundled runtime may or must stand in for it), where its jar is cached, whether it is started
 * through {@code sudo -n} because the SSH user is not root, and how long the resident agent waits without a client
 * before it exits ({@link Duration#ZERO}: never).
 */
public record AgentLaunch(
        String java, String directory, boolean sudo, AgentRuntimeChoice runtime, Duration idleTimeout) {

    /** The resident agent exits after 15 minutes without a client. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);

    public static final String DEFAULT_JAVA = "java";
    public static final String DEFAULT_DIRECTORY = "/var/lib/nftkeeper/agent";
    /**
     * With sudo the SSH user reads the agent's files to check them, and the agent's state directory
     * ({@code /var/lib/nftkeeper}) is private to root: the agent lives in a root-owned install path instead.
     */
    public static final String SUDO_DEFAULT_DIRECTORY = "/usr/local/lib/nftkeeper/agent";

    public AgentLaunch {
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative()) {
            throw new TransportException("the agent's idle timeout (agent_idle_timeout) is negative: " + idleTimeout);
        }
        if (java.isBlank()) {
            throw new TransportException("the path of java on the host (agent_java) is empty");
        }
        if (!directory.startsWith("/")) {
            throw new TransportException(
                    "the agent directory on the host (agent_dir) must be an absolute path, not '" + directory + "'");
        }
    }

    /** The bundled runtime where the host has no Java 17+, and the default idle timeout. */
    public AgentLaunch(String java, String directory, boolean sudo) {
        this(java, directory, sudo, AgentRuntimeChoice.AUTO, DEFAULT_IDLE_TIMEOUT);
    }

    public static String defaultDirectory(boolean sudo) {
        return sudo ? SUDO_DEFAULT_DIRECTORY : DEFAULT_DIRECTORY;
    }

    public static AgentLaunch defaults() {
        return new AgentLaunch(DEFAULT_JAVA, DEFAULT_DIRECTORY, false);
    }

    public AgentLaunch withDirectory(String newDirectory) {
        return new AgentLaunch(java, newDirectory, sudo, runtime, idleTimeout);
    }

    public AgentLaunch withSudo(boolean useSudo) {
        return new AgentLaunch(java, directory, useSudo, runtime, idleTimeout);
    }

    public AgentLaunch withJava(String javaPath) {
        return new AgentLaunch(javaPath, directory, sudo, runtime, idleTimeout);
    }

    public AgentLaunch withRuntime(AgentRuntimeChoice choice) {
        return new AgentLaunch(java, directory, sudo, choice, idleTimeout);
    }

    public AgentLaunch withIdleTimeout(Duration timeout) {
        return new AgentLaunch(java, directory, sudo, runtime, timeout);
    }

    /** An idle timeout as written in settings: a duration ({@code 15m}, {@code 1h30m}), or {@code 0s} for never. */
    public static Optional<Duration> parseIdleTimeout(String text) {
        if (text != null && text.strip().matches("0+(d|h|m|s|ms)?")) {
            return Optional.of(Duration.ZERO);
        }
        return NftDuration.parse(text);
    }
}
