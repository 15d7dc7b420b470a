package io.nftkeeper.cli.drift;

import io.nftkeeper.cli.host.HostAgents;
import io.nftkeeper.protocol.wire.DriftResult;
import java.time.Duration;

/**
 * Asks a host's agent for drift over SSH. Each check opens and closes its own connection, so a finished host costs
 * nothing (no agent left running) while the others are checked.
 */
public final class AgentHostChecker implements HostChecker {

    private final Duration connectTimeout;

    public AgentHostChecker(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public DriftResult check(HostCheck host) {
        try (HostAgents agent = HostAgents.open(host.host(), host.ssh(), connectTimeout)) {
            return agent.client().drift(host.tables());
        }
    }
}
