package io.nftkeeper.transport;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@link AgentCommand#residentStartCommand} printed on success: an agent listens ({@link #STARTED} or
 * {@link #RUNNING}), or, with sudo, why this SSH user cannot have one, in which case the agent runs over exec
 * ({@link #execReason}).
 */
record ResidentStart(Outcome outcome, String detail) {

    static final String STARTED = "pid:";
    static final String RUNNING = "running:";
    static final String OUTSIDE_GROUP = "outside-group:";
    static final String SUDO_REFUSED = "sudo-refused:";
    static final String CLOSED = "closed:";

    private static final String EXEC_INSTEAD = "; the agent runs per connection over SSH exec instead of resident";

    enum Outcome {
        /** It started the agent, or found the one another client started meanwhile. */
        STARTED(ResidentStart.STARTED),
        /** This build's agent listened already, so sshd, not the agent, refused the channel. */
        RUNNING(ResidentStart.RUNNING),
        /** With sudo: the SSH user is not in {@link AgentCommand#SOCKET_GROUP}. */
        OUTSIDE_GROUP(ResidentStart.OUTSIDE_GROUP),
        /** With sudo: sudoers does not allow the resident agent's command. */
        SUDO_REFUSED(ResidentStart.SUDO_REFUSED),
        /** With sudo: the socket directory is not open to the group (an agent started without it serves there). */
        CLOSED(ResidentStart.CLOSED);

        private final String prefix;

        Outcome(String prefix) {
            this.prefix = prefix;
        }
    }

    /** The last line that names an outcome (the checks before it print nothing on stdout); empty if none does. */
    static Optional<ResidentStart> parse(String stdout) {
        Optional<ResidentStart> found = Optional.empty();
        for (String line : stdout.strip().lines().toList()) {
            for (Outcome outcome : Outcome.values()) {
                if (line.startsWith(outcome.prefix)) {
                    found = Optional.of(new ResidentStart(
                            outcome, line.substring(outcome.prefix.length()).strip()));
                }
            }
        }
        return found;
    }

    /**
     * Why the agent runs over exec instead of resident, for the one debug line that says so; empty when an agent
     * listens and the caller should connect to it.
     */
    Optional<String> execReason(String host, AgentCommand command, String user, Duration idleTimeout) {
        String exec = EXEC_INSTEAD + " (docs/guides/resident-agent.md)";
        return switch (outcome) {
            case STARTED -> Optional.empty();
            case RUNNING -> Optional.of(forwardingRefused(host, command));
            case OUTSIDE_GROUP ->
                Optional.of("sudo = true: the SSH user " + detail + " on " + host
                        + " is not in the group " + AgentCommand.SOCKET_GROUP
                        + " that the resident agent's socket belongs "
                        + "to (groupadd --system " + AgentCommand.SOCKET_GROUP + "; usermod -aG "
                        + AgentCommand.SOCKET_GROUP + " " + user + "; then log in again)" + exec);
            case SUDO_REFUSED ->
                Optional.of("sudo = true: sudo on " + host + " does not let " + user
                        + " start the resident agent without a password; the sudoers line that allows it: "
                        + command.residentSudoersLine(user, idleTimeout) + exec);
            case CLOSED ->
                Optional.of("sudo = true: the socket directory " + command.socketDirectory() + " on " + host
                        + " is not open to group " + AgentCommand.SOCKET_GROUP + ": an agent of this build started "
                        + "without --socket-group (by root?) serves it" + exec);
        };
    }

    /**
     * The agent listens, yet sshd did not connect to its socket: it forbids forwarding to Unix sockets (sshd answers
     * "connect failed" alike when nothing listens), or, with sudo, an agent started without the group serves it.
     */
    static String forwardingRefused(String host, AgentCommand command) {
        return "sshd on " + host + " does not connect to the agent's socket " + command.socket()
                + " although the agent listens: it forbids forwarding to Unix sockets (AllowStreamLocalForwarding no?)"
                + (command.sudo()
                        ? ", or the socket is not open to group " + AgentCommand.SOCKET_GROUP
                                + " (an agent started without --socket-group serves it)"
                        : "")
                + EXEC_INSTEAD;
    }
}
