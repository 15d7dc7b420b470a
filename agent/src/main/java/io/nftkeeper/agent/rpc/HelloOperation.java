package io.nftkeeper.agent.rpc;

import io.nftkeeper.agent.nft.Nftables;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.HelloParams;
import io.nftkeeper.protocol.wire.HelloResult;
import io.nftkeeper.protocol.wire.WireProtocol;

/** Checks that the client speaks our protocol and says who we are. */
final class HelloOperation {

    private final String agentVersion;
    private final Nftables nftables;
    private final String hostname;

    HelloOperation(String agentVersion, Nftables nftables, String hostname) {
        this.agentVersion = agentVersion;
        this.nftables = nftables;
        this.hostname = hostname;
    }

    HelloResult handle(HelloParams params) {
        if (params.protocolVersion() != WireProtocol.PROTOCOL_VERSION) {
            throw new AgentException(
                    ErrorCode.INCOMPATIBLE,
                    null,
                    "agent speaks protocol "
                            + WireProtocol.PROTOCOL_VERSION + ", client speaks " + params.protocolVersion()
                            + "; use a provider and agent from the same nftkeeper release");
        }
        return new HelloResult(WireProtocol.PROTOCOL_VERSION, agentVersion, nftables.version(), hostname);
    }
}
