package io.nftkeeper.agent.rpc;

import io.nftkeeper.agent.nft.FailingCommandLocator;
import io.nftkeeper.agent.nft.NftFailure;
import io.nftkeeper.agent.nft.Nftables;
import io.nftkeeper.agent.rollback.PendingRollbacks;
import io.nftkeeper.agent.rollback.RollbackRunner;
import io.nftkeeper.agent.rollback.RollbackTimers;
import io.nftkeeper.agent.state.AuditLog;
import io.nftkeeper.agent.state.HostLock;
import io.nftkeeper.agent.state.OwnershipRegistry;
import io.nftkeeper.agent.state.OwnershipRules;
import io.nftkeeper.agent.state.StaleBaselines;
import io.nftkeeper.agent.state.TransactionLog;
import io.nftkeeper.protocol.Command;
import io.nftkeeper.protocol.Identifiers;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.Verb;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ApplyParams;
import io.nftkeeper.protocol.wire.ApplyResult;
import io.nftkeeper.protocol.wire.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a transaction as one nft batch after checking that it only touches tables nftkeeper owns, then records
 * which tables it now owns. Ownership is recorded only after the kernel accepted the whole batch. The host lock
 * is held from reading the registry to writing it, so concurrent agents cannot lose each other's tables. The
 * touched tables' baselines are set aside before the commit and recorded after the answer ({@link StaleBaselines}).
 *
 * <p>With a {@code txId} the commit is remembered, so a retry is answered without running twice. With a confirm
 * timeout the touched tables are saved as a restore batch before the commit and a detached timer restores them
 * unless {@code confirm} comes first; meanwhile other transactions touching those tables are refused.
 */
final class ApplyOperation {

    private static final Logger LOG = LoggerFactory.getLogger(ApplyOperation.class);

    static final long MAX_CONFIRM_TIMEOUT_SECONDS = 86_400;

    private final Nftables nftables;
    private final OwnershipRegistry registry;
    private final HostLock lock;
    private final StaleBaselines baselines;
    private final FailingCommandLocator locator;
    private final TransactionLog transactions;
    private final PendingRollbacks pendingRollbacks;
    private final RollbackTimers timers;
    private final RollbackRunner rollbacks;
    private final AuditLog audit;
    private final Clock clock;

    ApplyOperation(
            Nftables nftables,
            OwnershipRegistry registry,
            HostLock lock,
            StaleBaselines baselines,
            TransactionLog transactions,
            PendingRollbacks pendingRollbacks,
            RollbackTimers timers,
            RollbackRunner rollbacks,
            AuditLog audit,
            Clock clock) {
        this.nftables = nftables;
        this.registry = registry;
        this.lock = lock;
        this.baselines = baselines;
        this.locator = new FailingCommandLocator(nftables);
        this.transactions = transactions;
        this.pendingRollbacks = pendingRollbacks;
        this.timers = timers;
        this.rollbacks = rollbacks;
        this.audit = audit;
        this.clock = clock;
    }

    /** A client's apply: into a table an owner claims, only on that owner's behalf. */
    ApplyResult handle(ApplyParams params, String client) {
        return handle(params, client, OwnershipRules.OwnerNeeded.FOR_WRITES);
    }

    @SuppressWarnings("try") // the host lock is held for the try block: the resource is never read, only closed
    ApplyResult handle(ApplyParams params, String client, OwnershipRules.OwnerNeeded ownerNeeded) {
        Transaction tx = params.transaction();
        if (tx == null || tx.isEmpty()) {
            throw new AgentException(ErrorCode.INVALID, null, "the transaction has no commands");
        }
        String txId = params.txId();
        if (txId != null) {
            Identifiers.checkTransactionId(txId).ifPresent(problem -> {
                throw new AgentException(ErrorCode.INVALID, null, problem);
            });
        }
        Long confirmSeconds = params.confirmTimeoutSeconds();
        if (confirmSeconds != null
                && (txId == null || confirmSeconds < 1 || confirmSeconds > MAX_CONFIRM_TIMEOUT_SECONDS)) {
            throw new AgentException(
                    ErrorCode.INVALID,
                    null,
                    "confirmTimeoutSeconds needs a txId and must be " + "between 1 and " + MAX_CONFIRM_TIMEOUT_SECONDS);
        }
        Stopwatch watch = new Stopwatch();
        try (HostLock.Held held = lock.acquire(lockTimeout(params.lockTimeoutMs()))) {
            watch.lap("lock");
            if (txId != null) {
                var earlier = transactions.find(txId);
                if (earlier.isPresent()) {
                    return replay(tx, earlier.get(), client);
                }
            }
            tx = withoutDestroysInMissingTables(tx);
            if (tx.isEmpty()) {
                audit.transaction(
                        "apply", txId, client, params.transaction(), "nothing to do: its tables are gone", null);
                return new ApplyResult("");
            }
            Set<TableRef> managed = registry.managed();
            Map<TableRef, OwnershipRegistry.Claim> claims = registry.claims();
            Function<TableRef, OptionalLong> handleBefore = memoized(nftables::tableHandle);
            // listing the host's tables reads every set element in nft 1.0.6 (0.3 s with a 100k-element set), so
            // only when the answer matters: a transaction creating a table, or a commit-confirmed one
            Set<TableRef> existing = OwnershipRules.needsExistingTables(tx, managed) || confirmSeconds != null
                    ? nftables.tables()
                    : Set.of();
            try {
                OwnershipRules.check(tx, managed, claims, existing, handleBefore, ownerNeeded);
            } catch (AgentException refused) {
                audit.transaction(
                        "apply", txId, client, tx, "refused: " + refused.code() + " " + refused.getMessage(), null);
                throw refused;
            }
            Set<TableRef> touched = touchedTables(tx);
            refuseTablesAwaitingConfirmation(touched);
            watch.lap("ownership");
            String script = tx.toScript();
            watch.lap("script");
            if (confirmSeconds != null) {
                saveRollback(txId, confirmSeconds, touched, existing, managed);
            }
            baselines.beforeCommit(touched);
            watch.lap("baseline");
            try {
                nftables.run(script);
                watch.lap("nft");
            } catch (NftFailure e) {
                baselines.refused(touched);
                if (confirmSeconds != null) {
                    pendingRollbacks.discard(txId);
                }
                AgentException explained = locator.explain(tx, e, false);
                audit.transaction(
                        "apply",
                        txId,
                        client,
                        tx,
                        "failed: " + explained.code() + " " + explained.getMessage(),
                        script);
                throw explained;
            }
            Set<TableRef> after = OwnershipRules.after(tx, managed);
            Map<TableRef, OwnershipRegistry.Claim> claimsAfter =
                    OwnershipRules.claimsAfter(tx, managed, claims, handleBefore, nftables::tableHandle);
            if (!after.equals(managed) || !claimsAfter.equals(claims)) {
                registry.save(after, claimsAfter);
            }
            // before the baselines: an agent killed from here on must answer tx-status "committed", or the
            // provider's resend would run the transaction a second time
            if (txId != null) {
                transactions.recordCommitted(txId);
            }
            baselines.committed(touched, after);
            watch.lap("state");
            audit.transaction(
                    "apply",
                    txId,
                    client,
                    tx,
                    confirmSeconds == null
                            ? "committed"
                            : "committed, rolled back unless confirmed within " + confirmSeconds + " s",
                    script);
            if (confirmSeconds != null) {
                startTimer(txId, confirmSeconds);
            }
            watch.lap("audit");
            LOG.debug("apply {}: {}", txId == null ? "" : txId, watch);
            return new ApplyResult(script);
        }
    }

    private ApplyResult replay(Transaction tx, TransactionLog.Entry earlier, String client) {
        if (earlier.rolledBack()) {
            throw new AgentException(
                    ErrorCode.INVALID,
                    null,
                    "transaction " + earlier.txId() + " was committed at "
                            + earlier.committedAt() + " and rolled back because it was not confirmed in time; apply it "
                            + "again with a new txId");
        }
        audit.transaction(
                "apply", earlier.txId(), client, tx, "replayed: committed earlier at " + earlier.committedAt(), null);
        return new ApplyResult(tx.toScript(), true);
    }

    private void refuseTablesAwaitingConfirmation(Set<TableRef> touched) {
        for (PendingRollbacks.Pending pending : pendingRollbacks.all()) {
            for (PendingRollbacks.TouchedTable table : pending.tables()) {
                if (touched.contains(table.table())) {
                    throw new AgentException(
                            ErrorCode.LOCKED,
                            table.table().describe(),
                            table.table().describe()
                                    + " has an unconfirmed change (transaction " + pending.txId()
                                    + ") that will be rolled "
                                    + "back at " + pending.deadline() + " unless confirmed; confirm it or wait");
                }
            }
        }
    }

    private void saveRollback(
            String txId, long seconds, Set<TableRef> touched, Set<TableRef> existing, Set<TableRef> managed) {
        List<PendingRollbacks.TouchedTable> tables = new ArrayList<>();
        for (TableRef table : touched) {
            tables.add(new PendingRollbacks.TouchedTable(table, existing.contains(table), managed.contains(table)));
        }
        String restore = PendingRollbacks.restoreScript(
                tables,
                table -> nftables.listTableText(table)
                        .orElseThrow(() -> new AgentException(
                                ErrorCode.NOT_FOUND,
                                table.describe(),
                                table.describe() + " vanished while its rollback was being saved")));
        pendingRollbacks.save(
                new PendingRollbacks.Pending(
                        txId, clock.instant().plusSeconds(seconds).toString(), tables, null),
                restore);
    }

    // After the commit: if no timer can run, nothing would ever roll back, so roll back now and say so.
    private void startTimer(String txId, long seconds) {
        try {
            long pid = timers.start(txId, seconds);
            pendingRollbacks.read(txId).ifPresent(p -> pendingRollbacks.update(p.withTimerPid(pid)));
        } catch (NftkeeperException e) {
            rollbacks.rollBack(txId, "the rollback timer could not be started");
            throw new AgentException(
                    ErrorCode.INTERNAL,
                    null,
                    "the transaction was rolled back at once because its " + "rollback timer could not be started: "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * {@code tx} without destroying objects inside tables that do not exist: their table took them along (a table
     * destroyed before its chains, as Terraform may order it when IDs are literals), so they are gone, as destroy
     * promises. Only a transaction with such a destroy pays for listing the host's tables.
     */
    private Transaction withoutDestroysInMissingTables(Transaction tx) {
        if (tx.commands().stream().noneMatch(ApplyOperation::destroysInsideTable)) {
            return tx;
        }
        Set<TableRef> existing = nftables.tables();
        Set<TableRef> created = new TreeSet<>();
        List<Command> kept = new ArrayList<>();
        for (Command command : tx.commands()) {
            if (command.object() instanceof Table && command.verb() == Verb.ADD) {
                created.add(command.object().table());
            }
            TableRef table = command.object().table();
            if (destroysInsideTable(command) && !existing.contains(table) && !created.contains(table)) {
                LOG.debug("{}: {} does not exist, so neither does the object", command.describe(), table.describe());
                continue;
            }
            kept.add(command);
        }
        return kept.size() == tx.commands().size() ? tx : Transaction.of(kept, tx.owner());
    }

    /** {@code lookup}, asked at most once per table. */
    static Function<TableRef, OptionalLong> memoized(Function<TableRef, OptionalLong> lookup) {
        Map<TableRef, OptionalLong> known = new HashMap<>();
        return table -> known.computeIfAbsent(table, lookup);
    }

    private static boolean destroysInsideTable(Command command) {
        return command.verb() == Verb.DESTROY && !(command.object() instanceof Table);
    }

    private static Set<TableRef> touchedTables(Transaction tx) {
        Set<TableRef> touched = new TreeSet<>();
        for (Command command : tx.commands()) {
            touched.add(command.object().table());
        }
        return touched;
    }

    static Duration lockTimeout(Long millis) {
        if (millis == null) {
            return HostLock.DEFAULT_TIMEOUT;
        }
        if (millis < 0) {
            throw new AgentException(ErrorCode.INVALID, null, "lockTimeoutMs must not be negative");
        }
        return Duration.ofMillis(millis);
    }
}
