package io.nftkeeper.transport;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resident agents this process has reached, by target and agent build. A later login to the same target
 * connects to that agent's socket at once instead of first probing the host's java, jar and class-data archive: that
 * probe hashes some 17 MB of files in a shell and cost 0.2–0.5 s per connection here, where the SSH login itself
 * takes 50–90 ms. Skipping it is safe because connecting runs nothing on the host; the probe's checks guard starting
 * an agent from the host's files. When the socket refuses (the agent idled out, or a newer build drained it), the
 * connection probes and starts as on first contact.
 */
final class ReachedAgents {

    /** The one of this process: every pool of a resident provider server, and each new confirming login, meet here. */
    static final ReachedAgents PROCESS = new ReachedAgents();

    private record Key(AgentTarget target, String agentSha256) {}

    private final Map<Key, AgentCommand> commands = new ConcurrentHashMap<>();

    ReachedAgents() {}

    /** How the resident agent of {@code agentSha256} was last reached on {@code target}, if it was. */
    Optional<AgentCommand> of(AgentTarget target, String agentSha256) {
        return Optional.ofNullable(commands.get(new Key(target, agentSha256)));
    }

    void reached(AgentTarget target, AgentCommand command) {
        commands.put(new Key(target, command.sha256()), command);
    }

    void forget(AgentTarget target, AgentCommand command) {
        commands.remove(new Key(target, command.sha256()), command);
    }
}
