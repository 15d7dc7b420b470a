package io.nftkeeper.provider.transport;

import java.util.Objects;

/** One agent to talk to: the SSH connection that reaches its host and how to launch it there. The pool's key. */
public record AgentTarget(SshTarget ssh, AgentLaunch launch) {

    public AgentTarget {
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(launch, "launch");
    }

    public String host() {
        return ssh.host();
    }
}
