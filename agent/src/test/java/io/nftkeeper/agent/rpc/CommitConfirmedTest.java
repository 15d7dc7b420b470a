package io.nftkeeper.agent.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.agent.nft.FakeNftables;
import io.nftkeeper.agent.rollback.PendingRollbacks;
import io.nftkeeper.agent.rollback.RollbackRunner;
import io.nftkeeper.agent.rollback.RollbackTimers;
import io.nftkeeper.agent.state.AuditLog;
import io.nftkeeper.agent.state.BaselineRecorder;
import io.nftkeeper.agent.state.BaselineStore;
import io.nftkeeper.agent.state.OwnershipRegistry;
import io.nftkeeper.agent.state.TransactionLog;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.ApplyParams;
import io.nftkeeper.protocol.wire.ConfirmParams;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.JsonLines;
import io.nftkeeper.protocol.wire.Request;
import io.nftkeeper.protocol.wire.Response;
import io.nftkeeper.protocol.wire.TxStatusParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transaction ids, commit-confirmed applies and the audit log, against the transactional fake. */
class CommitConfirmedTest {

    private static final TableRef WEB = new TableRef(Family.INET, "web");

    @TempDir
    Path stateDir;

    private final FakeNftables nft = new FakeNftables();
    private final List<String> timersStarted = new ArrayList<>();
    private final List<String> timersStopped = new ArrayList<>();

    private final RollbackTimers timers = new RollbackTimers() {
        @Override
        public long start(String txId, long afterSeconds) {
            timersStarted.add(txId + " after " + afterSeconds + " s");
            return 4242;
        }

        @Override
        public void stop(String txId, long pid) {
            timersStopped.add(txId + " pid " + pid);
        }
    };

    private Dispatcher dispatcher() {
        return new Dispatcher("0.1.0", "h", nft, stateDir, AuditLog.to(stateDir.resolve("audit.log")), timers);
    }

    private Response call(Dispatcher dispatcher, String method, Object params) throws Exception {
        return dispatcher.handle(JsonLines.mapper()
                .writeValueAsString(new Request(1, method, JsonLines.mapper().valueToTree(params))));
    }

    private static Transaction addWeb() {
        return Transaction.builder().add(Table.of(WEB)).build();
    }

    @Test
    void aRetriedTransactionIdIsAnsweredAsReplayedWithoutRunningTwice() throws Exception {
        Dispatcher agent = dispatcher();

        Response first = call(agent, "apply", new ApplyParams(addWeb(), null, "tx-1"));
        Response retry = call(agent, "apply", new ApplyParams(addWeb(), null, "tx-1"));

        assertThat(first.result().get("replayed").asBoolean()).isFalse();
        assertThat(retry.result().get("replayed").asBoolean()).isTrue();
        assertThat(retry.result().get("script").asText()).isEqualTo("add table inet web\n");
        assertThat(nft.scripts()).hasSize(1);
        assertThat(call(agent, "txStatus", new TxStatusParams("tx-1")).result().toString())
                .isEqualTo("{\"committed\":true,\"pendingConfirm\":false,\"rolledBack\":false}");
        assertThat(call(agent, "txStatus", new TxStatusParams("tx-never"))
                        .result()
                        .get("committed")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aFailedTransactionIsNotRecordedAsCommitted() throws Exception {
        Dispatcher agent = dispatcher();
        call(agent, "apply", new ApplyParams(addWeb()));

        Response failed = call(
                agent,
                "apply",
                new ApplyParams(
                        Transaction.builder()
                                .delete(Table.of(new TableRef(Family.INET, "web")))
                                .delete(Table.of(WEB))
                                .build(),
                        null,
                        "tx-2"));

        assertThat(failed.failed()).isTrue();
        assertThat(call(agent, "txStatus", new TxStatusParams("tx-2"))
                        .result()
                        .get("committed")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void onlyTheLastThousandTransactionIdsAreKept() {
        TransactionLog log = new TransactionLog(stateDir);
        for (int i = 0; i < TransactionLog.CAPACITY + 5; i++) {
            log.recordCommitted("tx-" + i);
        }

        assertThat(log.find("tx-4")).isEmpty();
        assertThat(log.find("tx-5")).isPresent();
        assertThat(log.find("tx-" + (TransactionLog.CAPACITY + 4))).isPresent();
    }

    @Test
    void transactionIdsThatCouldNameOtherFilesAreInvalid() throws Exception {
        Response response = call(dispatcher(), "apply", new ApplyParams(addWeb(), null, "../../etc/passwd"));

        assertThat(response.error().code()).isEqualTo(ErrorCode.INVALID);
        assertThat(nft.scripts()).isEmpty();
    }

    @Test
    void aCommitConfirmedApplySavesTheRestoreBatchBeforeCommittingAndStartsATimer() throws Exception {
        Dispatcher agent = dispatcher();
        call(agent, "apply", new ApplyParams(addWeb()));

        Response applied = call(
                agent,
                "apply",
                new ApplyParams(
                        Transaction.builder()
                                .add(Table.of(WEB))
                                .add(Table.of(new TableRef(Family.IP, "fresh")))
                                .build(),
                        null,
                        "tx-c",
                        5L));

        assertThat(applied.failed()).isFalse();
        assertThat(timersStarted).containsExactly("tx-c after 5 s");
        assertThat(Files.readString(stateDir.resolve("pending-rollback/tx-c.nft")))
                .isEqualTo("""
                add table ip fresh
                delete table ip fresh
                add table inet web
                delete table inet web
                table inet web {
                }
                """);
        assertThat(call(agent, "txStatus", new TxStatusParams("tx-c"))
                        .result()
                        .get("pendingConfirm")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void whileUnconfirmedItsTablesRefuseOtherTransactions() throws Exception {
        Dispatcher agent = dispatcher();
        call(agent, "apply", new ApplyParams(addWeb(), null, "tx-p", 60L));

        Response other = call(
                agent,
                "apply",
                new ApplyParams(Transaction.builder().delete(Table.of(WEB)).build()));

        assertThat(other.error().code()).isEqualTo(ErrorCode.LOCKED);
        assertThat(other.error().message()).contains("has an unconfirmed change (transaction tx-p)");
    }

    @Test
    void confirmKeepsTheChangeRemovesThePendingRollbackAndStopsTheTimer() throws Exception {
        Dispatcher agent = dispatcher();
        call(agent, "apply", new ApplyParams(addWeb(), null, "tx-k", 60L));

        Response confirmed = call(dispatcher(), "confirm", new ConfirmParams("tx-k"));

        assertThat(confirmed.failed()).isFalse();
        assertThat(stateDir.resolve("pending-rollback/tx-k.nft")).doesNotExist();
        assertThat(timersStopped).containsExactly("tx-k pid 4242");
        assertThat(nft.dump()).contains(WEB);
        assertThat(call(agent, "confirm", new ConfirmParams("tx-k")).failed()).isFalse();
        assertThat(call(agent, "confirm", new ConfirmParams("tx-unknown"))
                        .error()
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void theTimerRestoresTablesAndOwnershipAsTheyWereAndMarksTheTransactionRolledBack() throws Exception {
        Dispatcher agent = dispatcher();
        call(agent, "apply", new ApplyParams(addWeb(), null, "tx-r", 5L));
        assertThat(new OwnershipRegistry(stateDir).managed()).containsExactly(WEB);

        boolean restored = rollbackRunner().rollBack("tx-r", "not confirmed within 5 s");

        assertThat(restored).isTrue();
        assertThat(nft.dump()).doesNotContain(WEB);
        assertThat(new OwnershipRegistry(stateDir).managed()).isEmpty();
        assertThat(stateDir.resolve("pending-rollback/tx-r.nft")).doesNotExist();
        assertThat(call(agent, "txStatus", new TxStatusParams("tx-r")).result().toString())
                .isEqualTo("{\"committed\":true,\"pendingConfirm\":false,\"rolledBack\":true}");
        assertThat(call(agent, "apply", new ApplyParams(addWeb(), null, "tx-r"))
                        .error()
                        .message())
                .contains("rolled back because it was not confirmed in time");
        assertThat(call(agent, "confirm", new ConfirmParams("tx-r")).error().code())
                .isEqualTo(ErrorCode.INVALID);
        assertThat(rollbackRunner().rollBack("tx-r", "again")).isFalse();
    }

    @Test
    void theAuditLogHasOneJsonLinePerChangeWithClientObjectsOutcomeAndScript() throws Exception {
        Dispatcher agent = dispatcher();
        agent.handle("{\"id\":1,\"method\":\"hello\",\"params\":{\"protocolVersion\":1,\"client\":\"provider/9\"}}");
        call(agent, "apply", new ApplyParams(addWeb(), null, "tx-a", 30L));
        call(agent, "confirm", new ConfirmParams("tx-a"));
        call(
                agent,
                "apply",
                new ApplyParams(Transaction.builder()
                        .delete(Table.of(new TableRef(Family.IP, "x")))
                        .build()));

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(stateDir.resolve("audit.log"))) {
            lines.add(JsonLines.mapper().readTree(line));
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("event").asText()).isEqualTo("apply");
        assertThat(lines.get(0).get("txId").asText()).isEqualTo("tx-a");
        assertThat(lines.get(0).get("client").asText()).isEqualTo("provider/9");
        assertThat(lines.get(0).get("objects").toString()).isEqualTo("[\"add table inet web\"]");
        assertThat(lines.get(0).get("outcome").asText()).startsWith("committed, rolled back unless confirmed");
        assertThat(lines.get(0).get("script").asText()).isEqualTo("add table inet web\n");
        assertThat(lines.get(0).has("time")).isTrue();
        assertThat(lines.get(1).get("event").asText()).isEqualTo("confirm");
        // an ownership refusal is audited too, without a script (nothing ran)
        assertThat(lines.get(2).get("event").asText()).isEqualTo("apply");
        assertThat(lines.get(2).get("outcome").asText()).startsWith("refused: NOT_OWNED");
        assertThat(lines.get(2).has("script")).isFalse();
    }

    private RollbackRunner rollbackRunner() {
        BaselineStore store = new BaselineStore(stateDir);
        return new RollbackRunner(
                nft,
                new OwnershipRegistry(stateDir),
                new BaselineRecorder(nft, store),
                new TransactionLog(stateDir),
                new PendingRollbacks(stateDir),
                AuditLog.disabled());
    }
}
