package io.nftkeeper.transport;

import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.Verb;
import io.nftkeeper.protocol.wire.AdoptParams;
import io.nftkeeper.protocol.wire.AgentClient;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ApplyParams;
import io.nftkeeper.protocol.wire.ApplyResult;
import io.nftkeeper.protocol.wire.CheckResult;
import io.nftkeeper.protocol.wire.DriftResult;
import io.nftkeeper.protocol.wire.ElementsParams;
import io.nftkeeper.protocol.wire.ElementsResult;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.HelloResult;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.ListResult;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent of one host as resources use it, through the shared pool. When the connection dies under a call, calls
 * that change nothing (hello, list, check, drift) and adopt (idempotent) are sent once more over a new connection.
 * An apply is never resent blindly: it carries a transaction id, and after a lost connection the new agent is asked
 * whether that transaction committed; only if it did not is the apply sent again (with the same id, which the agent
 * would not run twice anyway).
 *
 * <p>Listings come from the host's cache ({@link HostListings}): one agent {@code list} per table however many
 * resources read it. Every apply and adopt through here forgets the host's listings before it returns, whether it
 * succeeded or not, so whatever is listed after it is read from the host afresh.
 */
public final class HostAgent implements AgentCalls {

    private static final Logger LOG = LoggerFactory.getLogger(HostAgent.class);
    /** The agent's own default wait for another apply's host lock. */
    private static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);
    /** A whole set of up to millions of elements is listed, hashed, diffed and applied in one call. */
    private static final Duration ELEMENTS_TIMEOUT = Duration.ofMinutes(10);

    private final AgentConnections pool;
    private final AgentTarget target;

    HostAgent(AgentConnections pool, AgentTarget target) {
        this.pool = pool;
        this.target = target;
    }

    @Override
    public String host() {
        return target.host();
    }

    public AgentTarget target() {
        return target;
    }

    public HelloResult hello(String client) {
        return idempotent("hello", agent -> agent.hello(client));
    }

    /**
     * The listings of {@code tables}, in order: cached ones (or the read-back of this provider's last change) unless
     * the host changed since.
     */
    @Override
    public ListResult list(List<TableRef> tables) {
        if (pool.unansweredCommit(target).isPresent()) {
            // a change committed without lockout protection may have cut SSH, and only a call sent after it can tell
            // (its own answer left the host before any packet of ours had to get in): the cheapest call, an empty list
            idempotent("list", agent -> agent.list(new ListParams(List.of())));
        }
        return pool.listingsOf(target).list(tables, missing -> {
            long started = System.nanoTime();
            ListResult listed = idempotent("list", agent -> agent.list(missing));
            LOG.debug("agent list on {}: {} in {} ms", target.host(), missing, millisSince(started));
            return listed;
        });
    }

    /** Every table on the host, managed or not, read afresh (not cached: data sources read it once per run). */
    public ListResult listAll() {
        return idempotent("list", AgentClient::listAll);
    }

    /** Listings read afresh, past the cache: for handles an edit is about to use, or for counter values. */
    @Override
    public ListResult listAfresh(ListParams params) {
        return idempotent("list", agent -> agent.list(params));
    }

    @Override
    public CheckResult check(Transaction transaction) {
        return check(transaction, List.of());
    }

    /** Dry-runs {@code transaction} as if the existing tables {@code adopting} (being imported) were managed. */
    @Override
    public CheckResult check(Transaction transaction, List<TableRef> adopting) {
        return idempotent("check", agent -> agent.check(transaction, adopting));
    }

    /**
     * A whole-set element request. Digest and check change nothing and may be resent; an apply is sent once (the
     * agent refills or applies a delta against its own record, so a lost one is seen by the next plan) and forgets
     * the host's listings.
     */
    @Override
    public ElementsResult elements(ElementsParams params) {
        if (params.action() != ElementsParams.Action.APPLY) {
            return idempotent("elements", agent -> agent.elements(params, ELEMENTS_TIMEOUT));
        }
        return changing(() -> inFlight(() -> pool.agentFor(target).elements(params, ELEMENTS_TIMEOUT)));
    }

    /** A passed check is kept by this process for a while: Terraform plans each resource again before its apply. */
    @Override
    public ElementsResult checkElements(ElementsParams params, String context) {
        return PassedElementChecks.PROCESS.check(target.host(), params, context, this::elements);
    }

    public DriftResult drift(List<TableRef> tables) {
        return idempotent("drift", agent -> agent.drift(tables));
    }

    /** Adopting a table that is already managed only refreshes its baseline, so a lost adopt may be resent. */
    public void adopt(TableRef table) {
        adopt(new AdoptParams(table));
    }

    /** Like {@link #adopt(TableRef)}, for an owner, taking the table over from another owner if asked to. */
    @Override
    public void adopt(AdoptParams params) {
        changing(() -> idempotent("adopt", agent -> {
            agent.adopt(params);
            return null;
        }));
    }

    @Override
    public ApplyResult apply(Transaction transaction) {
        return apply(transaction, DEFAULT_LOCK_WAIT);
    }

    /**
     * Like {@link #apply(Transaction)}, waiting at most {@code lockTimeout} for another apply on the host. A
     * commit-confirmed apply (lockout protection) is confirmed over a new SSH connection before this returns.
     */
    public ApplyResult apply(Transaction transaction, Duration lockTimeout) {
        boolean confirmed = confirmed(transaction);
        Long confirmSeconds = confirmed ? target.lockout().confirmTimeout().toSeconds() : null;
        ApplyParams params =
                new ApplyParams(transaction, lockTimeout.toMillis(), AgentClient.newTxId(), confirmSeconds);
        // the answer brings the touched tables' listings, which the next reads of this provider then use: a
        // resource's create or update is one round trip, not list + apply + list
        ApplyParams sent = createsOrChanges(transaction) ? params.withReadBack() : params;
        pool.changing(target);
        HostListings listings = pool.listingsOf(target);
        long change = listings.beginChange();
        ApplyResult result;
        long started = System.nanoTime();
        try {
            result = inFlight(() -> confirmed ? new ConfirmedApply(pool, target).apply(sent) : unconfirmed(sent));
        } catch (RuntimeException e) {
            listings.changed(change, List.of());
            throw e;
        }
        LOG.debug(
                "agent apply on {}: {} commands in {} ms{}",
                target.host(),
                transaction.commands().size(),
                millisSince(started),
                confirmed ? ", confirmed" : "");
        if (!confirmed) {
            // suspected first: no read may take the read-back before the host has answered again
            pool.committedUnprotected(target, LockedOut.change(transaction));
        }
        listings.changed(change, result.tables() == null ? List.of() : result.tables());
        return result;
    }

    private ApplyResult unconfirmed(ApplyParams sent) {
        AgentClient agent = pool.agentFor(target);
        try {
            return ConfirmedApply.awaitingConfirmations(
                    Duration.ofMillis(sent.lockTimeoutMs()), () -> agent.apply(sent));
        } catch (AgentException e) {
            if (!lostConnection(e, agent)) {
                throw e;
            }
            return recoverApply(sent, e);
        }
    }

    /**
     * Whether {@code transaction} is commit-confirmed under the target's lockout protection: with the default scope,
     * the host's listings (cached when fresh) tell which chains it names are hooked where SSH passes.
     */
    private boolean confirmed(Transaction transaction) {
        return switch (target.lockout().scope()) {
            case NONE -> false;
            case ALL -> true;
            case LOCAL_TRAFFIC_CHAINS ->
                LocalTrafficChains.touchedBy(transaction, tables -> list(tables).tables());
        };
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    /** Whether anything of {@code transaction} stays on the host, so that its read-back will be read. */
    private static boolean createsOrChanges(Transaction transaction) {
        return transaction.commands().stream()
                .anyMatch(command -> command.verb() != Verb.DELETE && command.verb() != Verb.DESTROY);
    }

    /** Runs a call that may change the host, then forgets the host's listings (also when the call failed). */
    private <T> T changing(Supplier<T> call) {
        pool.changing(target);
        try {
            return call.get();
        } finally {
            pool.listingsOf(target).invalidate();
        }
    }

    private <T> T idempotent(String method, Function<AgentClient, T> call) {
        return inFlight(() -> {
            AgentClient agent = pool.agentFor(target);
            try {
                return call.apply(agent);
            } catch (AgentException e) {
                if (!lostConnection(e, agent)) {
                    throw e;
                }
                LOG.warn(
                        "the connection to {} was lost during {} ({}); sending it again over a new connection",
                        target.host(),
                        method,
                        e.getMessage());
                return call.apply(pool.agentFor(target));
            }
        });
    }

    /** After the connection died under an apply: ask a new agent whether it committed, and send it again if not. */
    private ApplyResult recoverApply(ApplyParams params, AgentException lost) {
        Transaction transaction = params.transaction();
        String txId = params.txId();
        AgentClient agent;
        boolean committed;
        try {
            agent = pool.agentFor(target);
            committed = agent.txStatus(txId).committed();
        } catch (TransportException e) {
            throw new AgentException(
                    ErrorCode.UNAVAILABLE,
                    lost.object(),
                    LockedOut.sent(
                            target.host(),
                            LockedOut.change(transaction),
                            lost.getMessage() + "; then " + e.getMessage()),
                    e);
        } catch (AgentException e) {
            throw new AgentException(
                    ErrorCode.UNAVAILABLE,
                    lost.object(),
                    "the connection to " + target.host()
                            + " was lost during apply (" + lost.getMessage()
                            + ") and whether the change committed cannot be "
                            + "told now: " + e.getMessage()
                            + ". Run terraform plan to see the host's state before trying again",
                    e);
        }
        if (committed) {
            LOG.info("the connection to {} was lost during apply; transaction {} had committed", target.host(), txId);
            return new ApplyResult(transaction.toScript(), true);
        }
        LOG.warn(
                "the connection to {} was lost during apply and transaction {} did not commit; sending it again",
                target.host(),
                txId);
        try {
            return agent.apply(params);
        } catch (AgentException e) {
            if (e.code() != ErrorCode.UNAVAILABLE) {
                throw e;
            }
            throw new AgentException(
                    ErrorCode.UNAVAILABLE,
                    e.object() != null ? e.object() : lost.object(),
                    "the connection to " + target.host() + " was lost during apply (" + lost.getMessage()
                            + ") and again while sending it once more (" + e.getMessage() + "), so whether the "
                            + "change committed cannot be told now. Run terraform plan to see the host's state "
                            + "before trying again",
                    e);
        }
    }

    private boolean lostConnection(AgentException e, AgentClient agent) {
        return e.code() == ErrorCode.UNAVAILABLE && pool.connectionLost(target, agent);
    }

    private <T> T inFlight(Supplier<T> call) {
        if (!pool.enter()) {
            throw AgentConnections.closedFailure(target);
        }
        try {
            T result = call.get();
            pool.answered(target);
            return result;
        } catch (TransportException e) {
            // SSH gone right after a change we committed without protection: say so, not only "cannot reach"
            throw pool.unansweredCommit(target)
                    .map(change ->
                            new TransportException(LockedOut.committed(target.host(), change, e.getMessage()), e))
                    .orElse(e);
        } finally {
            pool.exit();
        }
    }
}
