package io.nftkeeper.transport;

import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentClient;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ApplyParams;
import io.nftkeeper.protocol.wire.ApplyResult;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.TxStatusResult;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An apply that cannot lock the provider out of its host. The agent commits the change provisionally (its detached
 * timer restores the touched tables unless the change is confirmed within the timeout); then a new SSH connection
 * — new TCP connection, new login, new agent — confirms it. Only a host that still accepts SSH after the change can
 * be confirmed: if the change cut SSH, that connection fails, nothing confirms, the agent rolls back, and the apply
 * fails saying so once the rollback is seen. The pooled connection is then closed (packets of it may have been
 * dropped, leaving it hanging), so the next call opens a new one.
 */
final class ConfirmedApply {

    private static final Logger LOG = LoggerFactory.getLogger(ConfirmedApply.class);
    /** What the agent says when a table has an unconfirmed change: another apply of this provider confirming. */
    private static final String AWAITING_CONFIRMATION = "has an unconfirmed change";

    private static final Duration PENDING_POLL = Duration.ofMillis(20);
    /** The timer JVM needs a moment past the deadline to take the host lock and restore. */
    private static final Duration ROLLBACK_GRACE = Duration.ofSeconds(3);

    private static final int STATUS_ATTEMPTS = 5;
    private static final Duration STATUS_PAUSE = Duration.ofSeconds(2);

    private final AgentConnections pool;
    private final AgentTarget target;
    private final Duration confirmTimeout;

    ConfirmedApply(AgentConnections pool, AgentTarget target) {
        this.pool = pool;
        this.target = target;
        this.confirmTimeout = target.lockout().confirmTimeout();
    }

    /** Applies {@code params} (commit-confirmed: it carries the confirm timeout) and confirms it. */
    ApplyResult apply(ApplyParams params) {
        Transaction transaction = params.transaction();
        String txId = params.txId();
        AgentClient pooled = pool.agentFor(target);
        ApplyResult applied = null;
        AgentException lostAnswer = null;
        try {
            applied = awaitingConfirmations(Duration.ofMillis(params.lockTimeoutMs()), () -> pooled.apply(params));
        } catch (AgentException e) {
            if (e.code() != ErrorCode.UNAVAILABLE) {
                throw e;
            }
            // whether it committed is asked over the new connection below, which confirms it if it did
            lostAnswer = e;
            pool.discard(target, pooled);
        }
        if (applied != null && applied.script().isEmpty()) {
            // the agent had nothing to do (a destroy in a table already gone): nothing committed, nothing to confirm
            return applied;
        }
        // the agent's deadline is its commit time plus the timeout, and it committed before now
        long rollbackBy =
                System.nanoTime() + confirmTimeout.plus(ROLLBACK_GRACE).toNanos();
        String cause;
        try (AgentLink fresh = pool.openUnpooled(target)) {
            if (lostAnswer != null && !fresh.client().txStatus(txId).committed()) {
                throw new AgentException(
                        ErrorCode.UNAVAILABLE,
                        null,
                        "the connection to " + target.host()
                                + " was lost during apply (" + lostAnswer.getMessage()
                                + ") before the change committed; "
                                + "nothing was applied. Run terraform apply again");
            }
            fresh.client().confirm(txId);
            LOG.debug("transaction {} on {} confirmed over a new SSH connection", txId, target.host());
            return applied != null ? applied : new ApplyResult(transaction.toScript(), true);
        } catch (TransportException e) {
            cause = "a new SSH connection failed: " + e.getMessage();
        } catch (AgentException e) {
            if (e.code() == ErrorCode.INVALID && e.getMessage().contains("rolled back")) {
                cause = "the new SSH connection was made only after the " + confirmTimeout.toSeconds()
                        + " s confirm timeout";
            } else if (e.code() == ErrorCode.UNAVAILABLE && e.getMessage().contains("before the change committed")) {
                throw e;
            } else {
                cause = "the agent over a new SSH connection did not confirm: " + e.getMessage();
            }
        }
        pool.discard(target, pooled);
        throw notConfirmed(txId, cause, rollbackBy);
    }

    /**
     * Runs {@code apply}, and again while the agent refuses it because a table it touches has an unconfirmed change
     * (another apply of this run, confirmed within moments), for at most {@code lockTimeout}. Unconfirmed applies
     * wait the same way: with the default scope, one apply of a run may be confirmed and the next not.
     */
    static <T> T awaitingConfirmations(Duration lockTimeout, Supplier<T> apply) {
        long giveUp = System.nanoTime() + lockTimeout.toNanos();
        while (true) {
            try {
                return apply.get();
            } catch (AgentException e) {
                if (e.code() != ErrorCode.LOCKED
                        || !e.getMessage().contains(AWAITING_CONFIRMATION)
                        || System.nanoTime() > giveUp) {
                    throw e;
                }
                sleep(PENDING_POLL);
            }
        }
    }

    /** Waits for the agent's rollback, then tells what the host now holds, as far as it can be reached. */
    private TransportException notConfirmed(String txId, String cause, long rollbackBy) {
        String host = target.host();
        LOG.warn("transaction {} on {} not confirmed ({}); waiting for the agent to roll it back", txId, host, cause);
        sleep(Duration.ofNanos(Math.max(0, rollbackBy - System.nanoTime())));
        String lastProblem = "";
        for (int attempt = 1; attempt <= STATUS_ATTEMPTS; attempt++) {
            try (AgentLink link = pool.openUnpooled(target)) {
                TxStatusResult status = link.client().txStatus(txId);
                if (status.rolledBack()) {
                    return new TransportException("rolled back: " + host + " was unreachable over SSH after the "
                            + "change (" + cause + "); the previous ruleset was restored");
                }
                if (!status.pendingConfirm()) {
                    return new TransportException("not confirmed: " + host + " was unreachable over SSH after the "
                            + "change (" + cause + "), yet the agent reports transaction " + txId + " as "
                            + (status.committed() ? "kept (confirmed by someone else)" : "never committed")
                            + ". Run terraform plan to see the host's state");
                }
                lastProblem = "the rollback was still pending";
            } catch (TransportException | AgentException e) {
                lastProblem = e.getMessage();
            }
            sleep(STATUS_PAUSE);
        }
        return new TransportException("not confirmed: " + host + " was unreachable over SSH after the change ("
                + cause + "); the agent restores the previous ruleset " + confirmTimeout.toSeconds() + " s after "
                + "the commit, but that could not be verified (" + lastProblem + "). Check the host's console");
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting for the host to confirm or roll back", e);
        }
    }
}
