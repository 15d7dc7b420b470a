package io.nftkeeper.transport;

import io.nftkeeper.protocol.wire.AgentClient;

/** An open connection to an agent as the pool keeps it; {@link AgentProcess} over SSH, a fake in tests. */
interface AgentLink extends AutoCloseable {

    AgentClient client();

    /** False once the agent exited or the connection dropped: the pool then opens a new one. */
    boolean isAlive();

    @Override
    void close();
}
