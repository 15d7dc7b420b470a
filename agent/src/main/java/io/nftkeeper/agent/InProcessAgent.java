package io.nftkeeper.agent;

import io.nftkeeper.agent.nft.SingleThreadNftables;
import io.nftkeeper.agent.rollback.DetachedRollbackTimers;
import io.nftkeeper.agent.rpc.Dispatcher;
import io.nftkeeper.agent.state.AuditLog;
import io.nftkeeper.agent.state.StateDirectory;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.AdoptParams;
import io.nftkeeper.protocol.wire.ApplyParams;
import io.nftkeeper.protocol.wire.ApplyResult;
import io.nftkeeper.protocol.wire.HelloParams;
import io.nftkeeper.protocol.wire.WireProtocol;
import java.nio.file.Path;

/**
 * The agent's operations called directly in this JVM: the dispatcher and operations the serve loop runs for each
 * request (host lock, ownership, transaction journal, audit log, deferred baselines), without stdin, stdout and
 * JSON. It measures what an apply costs the agent itself (bench/agent) apart from the pipe and the client.
 * Like libnftables, confined to the thread that opened it.
 */
public final class InProcessAgent implements AutoCloseable {

    private final SingleThreadNftables nftables;
    private final Dispatcher dispatcher;

    private InProcessAgent(SingleThreadNftables nftables, Dispatcher dispatcher) {
        this.nftables = nftables;
        this.dispatcher = dispatcher;
    }

    /**
     * Loads libnftables and introduces itself as {@code client} (the name audit lines carry).
     *
     * @param auditLog where audit lines go, or null for none (as without {@code --audit-log})
     */
    public static InProcessAgent open(Path stateDir, Path auditLog, String client) {
        Path dir = StateDirectory.prepare(stateDir);
        AuditLog audit = auditLog == null ? AuditLog.disabled() : AuditLog.to(auditLog);
        SingleThreadNftables nftables = SingleThreadNftables.open();
        try {
            Dispatcher dispatcher = new Dispatcher(
                    Main.version(), "in-process", nftables, dir, audit, new DetachedRollbackTimers(dir, audit.file()));
            dispatcher.call(WireProtocol.HELLO, new HelloParams(WireProtocol.PROTOCOL_VERSION, client));
            return new InProcessAgent(nftables, dispatcher);
        } catch (RuntimeException e) {
            nftables.close();
            throw e;
        }
    }

    /** As the {@code apply} request. @throws AgentException as its error response would say */
    public ApplyResult apply(ApplyParams params) {
        return (ApplyResult) dispatcher.call(WireProtocol.APPLY, params);
    }

    /** As the {@code adopt} request. @throws AgentException as its error response would say */
    public void adopt(TableRef table) {
        dispatcher.call(WireProtocol.ADOPT, new AdoptParams(table));
    }

    /** What the serve loop does while no request waits: records the baselines deferred by applies, once due. */
    public void idle() {
        if (dispatcher.nanosUntilIdleWork() == 0) {
            dispatcher.idleWork();
        }
    }

    /** Records deferred baselines, closes the journal and audit log, frees the library context. */
    @Override
    public void close() {
        try {
            dispatcher.close();
        } finally {
            nftables.close();
        }
    }
}
