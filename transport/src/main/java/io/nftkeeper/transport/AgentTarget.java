package io.nftkeeper.transport;

import java.util.Objects;

/**
 * One agent to talk to: the SSH connection that reaches its host, how to launch it there, and whether its applies
 * are commit-confirmed. The pool's key.
 */
public record AgentTarget(SshTarget ssh, AgentLaunch launch, LockoutProtection lockout) {

    public AgentTarget {
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(lockout, "lockout");
    }

    /** Applies commit at once, without lockout protection. */
    public AgentTarget(SshTarget ssh, AgentLaunch launch) {
        this(ssh, launch, LockoutProtection.OFF);
    }

    public String host() {
        return ssh.host();
    }

    public AgentTarget withLockout(LockoutProtection protection) {
        return new AgentTarget(ssh, launch, protection);
    }
}
