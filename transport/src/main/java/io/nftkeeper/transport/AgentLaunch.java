package io.nftkeeper.transport;

import java.util.Objects;

/**
 * How the agent runs on a host: which java starts it ({@code java} resolves through the login's PATH; {@code runtime}
 * says whether the bundled runtime may or must stand in for it), where its jar is cached, and whether it is started
 * through {@code sudo -n} because the SSH user is not root.
 */
public record AgentLaunch(String java, String directory, boolean sudo, AgentRuntimeChoice runtime) {

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
        if (java.isBlank()) {
            throw new TransportException("the path of java on the host (agent_java) is empty");
        }
        if (!directory.startsWith("/")) {
            throw new TransportException("the agent directory on the host (agent_dir) must be an absolute path, not '"
                    + directory + "'");
        }
    }

    public AgentLaunch(String java, String directory, boolean sudo) {
        this(java, directory, sudo, AgentRuntimeChoice.AUTO);
    }

    public static String defaultDirectory(boolean sudo) {
        return sudo ? SUDO_DEFAULT_DIRECTORY : DEFAULT_DIRECTORY;
    }

    public static AgentLaunch defaults() {
        return new AgentLaunch(DEFAULT_JAVA, DEFAULT_DIRECTORY, false);
    }

    public AgentLaunch withDirectory(String newDirectory) {
        return new AgentLaunch(java, newDirectory, sudo, runtime);
    }

    public AgentLaunch withSudo(boolean useSudo) {
        return new AgentLaunch(java, directory, useSudo, runtime);
    }

    public AgentLaunch withJava(String javaPath) {
        return new AgentLaunch(javaPath, directory, sudo, runtime);
    }

    public AgentLaunch withRuntime(AgentRuntimeChoice choice) {
        return new AgentLaunch(java, directory, sudo, choice);
    }
}
