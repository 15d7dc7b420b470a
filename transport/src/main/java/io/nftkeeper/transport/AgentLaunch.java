package io.nftkeeper.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * How the agent runs on a host: which java starts it ({@code java} resolves through the login's PATH), where its
 * jar is cached, whether it is started through {@code sudo -n} because the SSH user is not root, and how long the
 * resident agent waits without a client before it exits ({@link Duration#ZERO}: never).
 */
public record AgentLaunch(String java, String directory, boolean sudo, Duration idleTimeout) {

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
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative()) {
            throw new TransportException("the agent's idle timeout (agent_idle_timeout) is negative: " + idleTimeout);
        }
        if (java.isBlank()) {
            throw new TransportException("the path of java on the host (agent_java) is empty");
        }
        if (!directory.startsWith("/")) {
            throw new TransportException("the agent directory on the host (agent_dir) must be an absolute path, not '"
                    + directory + "'");
        }
    }

    /** With the default idle timeout. */
    public AgentLaunch(String java, String directory, boolean sudo) {
        this(java, directory, sudo, DEFAULT_IDLE_TIMEOUT);
    }

    public static String defaultDirectory(boolean sudo) {
        return sudo ? SUDO_DEFAULT_DIRECTORY : DEFAULT_DIRECTORY;
    }

    public static AgentLaunch defaults() {
        return new AgentLaunch(DEFAULT_JAVA, DEFAULT_DIRECTORY, false);
    }

    public AgentLaunch withDirectory(String newDirectory) {
        return new AgentLaunch(java, newDirectory, sudo, idleTimeout);
    }

    public AgentLaunch withSudo(boolean useSudo) {
        return new AgentLaunch(java, directory, useSudo, idleTimeout);
    }

    public AgentLaunch withJava(String javaPath) {
        return new AgentLaunch(javaPath, directory, sudo, idleTimeout);
    }

    public AgentLaunch withIdleTimeout(Duration timeout) {
        return new AgentLaunch(java, directory, sudo, timeout);
    }
}
