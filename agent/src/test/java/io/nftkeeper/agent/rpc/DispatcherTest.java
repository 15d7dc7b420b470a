package io.nftkeeper.agent.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.agent.nft.FakeNftables;
import io.nftkeeper.agent.nft.Nftables;
import io.nftkeeper.agent.state.HostLock;
import io.nftkeeper.agent.state.OwnershipRegistry;
import io.nftkeeper.agent.state.StaleBaselines;
import io.nftkeeper.agent.state.TransactionLog;
import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AdoptParams;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ApplyParams;
import io.nftkeeper.protocol.wire.ApplyResult;
import io.nftkeeper.protocol.wire.CheckParams;
import io.nftkeeper.protocol.wire.ErrorBody;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.JsonLines;
import io.nftkeeper.protocol.wire.ListResult;
import io.nftkeeper.protocol.wire.Request;
import io.nftkeeper.protocol.wire.Response;
import io.nftkeeper.protocol.wire.TableListing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // locks are held for try blocks whose resource is never read
class DispatcherTest {

    private static final TableRef WEB = new TableRef(Family.INET, "web");
    private static final TableRef KUBE = new TableRef(Family.IP, "kube-proxy");

    @TempDir
    Path stateDir;

    private final FakeNftables nft = new FakeNftables().with(KUBE);

    private Dispatcher agent;

    /** One agent per test, as one provider session has. */
    private Dispatcher dispatcher() {
        if (agent == null) {
            agent = new Dispatcher("0.1.0", "host1", nft, stateDir);
        }
        return agent;
    }

    private OwnershipRegistry registry() {
        return new OwnershipRegistry(stateDir);
    }

    private Response call(String method, Object params) throws Exception {
        Request request = new Request(42, method, JsonLines.mapper().valueToTree(params));
        return dispatcher().handle(JsonLines.mapper().writeValueAsString(request));
    }

    private Response apply(Transaction tx) throws Exception {
        return call("apply", new ApplyParams(tx));
    }

    @Test
    void helloAnswersWithVersionsAndHostname() {
        Response response = dispatcher()
                .handle("{\"id\":1,\"method\":\"hello\",\"params\":{\"protocolVersion\":1,\"client\":\"t\"}}");

        assertThat(response.result().toString())
                .isEqualTo(
                        "{\"protocolVersion\":1,\"agentVersion\":\"0.1.0\",\"nftVersion\":\"1.0.6\",\"hostname\":\"host1\"}");
    }

    @Test
    void helloWithAnotherProtocolVersionIsIncompatible() {
        Response response = dispatcher()
                .handle("{\"id\":1,\"method\":\"hello\",\"params\":{\"protocolVersion\":2,\"client\":\"t\"}}");

        assertThat(response.error().code()).isEqualTo(ErrorCode.INCOMPATIBLE);
        assertThat(response.error().message()).startsWith("agent speaks protocol 1, client speaks 2; ");
    }

    @Test
    void aSessionOfAStateDirectoryOthersMadeWritableIsRefusedAtHello() throws Exception {
        Dispatcher agent = dispatcher();
        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwxrwxrwx"));

        Response response =
                agent.handle("{\"id\":1,\"method\":\"hello\",\"params\":{\"protocolVersion\":1,\"client\":\"t\"}}");

        assertThat(response.error().code()).isEqualTo(ErrorCode.INVALID);
        assertThat(response.error().message()).contains("is writable by group or others", "chmod 700 " + stateDir);
    }

    @Test
    void addingATableCreatesItAndRecordsItAsManaged() throws Exception {
        Response response = apply(Transaction.builder().add(Table.of(WEB)).build());

        assertThat(response.result().get("script").asText()).isEqualTo("add table inet web\n");
        assertThat(nft.dump()).contains(WEB);
        assertThat(registry().managed()).containsExactly(WEB);
    }

    @Test
    void aCallInProcessRunsTheSameApplyAndAnswersWithItsRecordOrItsError() {
        Object result = dispatcher()
                .call(
                        "apply",
                        new ApplyParams(Transaction.builder().add(Table.of(WEB)).build(), null, "tx-in-process"));

        assertThat(result).isEqualTo(new ApplyResult("add table inet web\n"));
        assertThat(registry().managed()).containsExactly(WEB);
        assertThat(new TransactionLog(stateDir).find("tx-in-process")).isPresent();
        assertThatThrownBy(() -> dispatcher()
                        .call(
                                "apply",
                                new ApplyParams(Transaction.builder()
                                        .add(Table.of(KUBE))
                                        .build())))
                .asInstanceOf(type(AgentException.class))
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    }

    @Test
    void addingAnExistingUnmanagedTableIsRefusedAndChangesNothing() throws Exception {
        Response response = apply(Transaction.builder().add(Table.of(KUBE)).build());

        assertThat(response.error())
                .isEqualTo(new ErrorBody(
                        ErrorCode.ALREADY_EXISTS,
                        "table ip kube-proxy",
                        "table ip kube-proxy already exists on this host and is not managed by nftkeeper; import it"));
        assertThat(nft.scripts()).isEmpty();
        assertThat(registry().managed()).isEmpty();
    }

    @Test
    void anyOtherVerbOnAnUnmanagedTableIsNotOwned() throws Exception {
        for (Transaction tx : new Transaction[] {
            Transaction.builder().delete(Table.of(KUBE)).build(),
            Transaction.builder().destroy(Table.of(KUBE)).build(),
            Transaction.builder().add(Table.of(WEB)).delete(Table.of(KUBE)).build()
        }) {
            Response response = apply(tx);

            assertThat(response.error().code()).isEqualTo(ErrorCode.NOT_OWNED);
            assertThat(response.error().object()).isEqualTo("table ip kube-proxy");
        }
        assertThat(nft.scripts()).isEmpty();
        assertThat(nft.dump()).containsExactly(KUBE);
    }

    @Test
    void aTableCreatedEarlierInTheSameTransactionMayBeDeletedByIt() throws Exception {
        Response response = apply(
                Transaction.builder().add(Table.of(WEB)).delete(Table.of(WEB)).build());

        assertThat(response.failed()).isFalse();
        assertThat(registry().managed()).isEmpty();
    }

    @Test
    void aFailedBatchChangesNeitherTablesNorOwnershipAndNamesTheFailingCommand() throws Exception {
        TableRef gone = new TableRef(Family.INET, "gone");
        registry().save(Set.of(gone));

        Response response = apply(
                Transaction.builder().add(Table.of(WEB)).delete(Table.of(gone)).build());

        assertThat(response.error())
                .isEqualTo(new ErrorBody(
                        ErrorCode.NOT_FOUND,
                        "table inet gone",
                        "command 2 of 2 (delete table inet gone) failed: Error: Could not process rule: No such file or "
                                + "directory (nothing was applied)",
                        1));
        assertThat(nft.dump()).containsExactly(KUBE);
        assertThat(registry().managed()).containsExactly(gone);
    }

    @Test
    void theFirstFailingCommandOfABatchIsFoundByDryRunningPrefixes() throws Exception {
        TableRef gone = new TableRef(Family.INET, "gone");
        TableRef other = new TableRef(Family.IP, "other");
        registry().save(Set.of(gone, WEB));
        nft.with(WEB);

        Response response = apply(Transaction.builder()
                .add(Table.of(other))
                .delete(Table.of(gone))
                .delete(Table.of(WEB))
                .delete(Table.of(WEB))
                .build());

        assertThat(response.error().object()).isEqualTo("table inet gone");
        assertThat(response.error().command()).isEqualTo(1);
        assertThat(response.error().message()).startsWith("command 2 of 4 (delete table inet gone) failed: ");
        // the whole batch once, then prefixes of 2 and 1 commands: bisection, not one dry run per command
        assertThat(nft.dryRuns())
                .containsExactly(
                        "add table ip other\ndelete table inet gone\ndelete table inet web\ndelete table inet web\n",
                        "add table ip other\ndelete table inet gone\n",
                        "add table ip other\n");
        assertThat(nft.dump()).containsExactlyInAnyOrder(KUBE, WEB);
    }

    @Test
    void aBatchRefusedOnlyAtCommitNamesTheWholeTransactionAndSaysWhy() throws Exception {
        nft.refusingAtCommit("add table ip other");

        Response response = apply(Transaction.builder()
                .add(Table.of(WEB))
                .add(Table.of(new TableRef(Family.IP, "other")))
                .build());

        assertThat(response.error().object()).isEqualTo("add table inet web; add table ip other");
        assertThat(response.error().message())
                .isEqualTo("Error: Could not process rule: Operation not supported "
                        + "(nothing was applied); the kernel refused the transaction only when committing it, which a dry "
                        + "run cannot reproduce, so the failing command cannot be named");
        assertThat(registry().managed()).isEmpty();
    }

    @Test
    void checkDryRunsAndChangesNothing() throws Exception {
        Response response = call(
                "check",
                new CheckParams(Transaction.builder().add(Table.of(WEB)).build()));

        assertThat(response.result().get("ok").asBoolean()).isTrue();
        assertThat(response.result().get("limits").asText())
                .startsWith("commit-time checks")
                .contains("are not checkable before apply");
        assertThat(nft.dryRuns()).containsExactly("add table inet web\n");
        assertThat(nft.scripts()).isEmpty();
        assertThat(nft.dump()).containsExactly(KUBE);
        assertThat(registry().managed()).isEmpty();
    }

    @Test
    void checkFailsLikeApplyNamingTheFailingCommand() throws Exception {
        TableRef gone = new TableRef(Family.INET, "gone");
        registry().save(Set.of(gone));

        Response refused = call(
                "check",
                new CheckParams(Transaction.builder()
                        .add(Table.of(WEB))
                        .delete(Table.of(gone))
                        .add(Table.of(new TableRef(Family.IP, "c")))
                        .build()));
        Response foreign = call(
                "check",
                new CheckParams(Transaction.builder().delete(Table.of(KUBE)).build()));

        assertThat(refused.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refused.error().object()).isEqualTo("table inet gone");
        assertThat(refused.error().message()).endsWith("(nothing was applied)");
        assertThat(foreign.error().code()).isEqualTo(ErrorCode.NOT_OWNED);
        assertThat(nft.scripts()).isEmpty();
    }

    @Test
    void applyAndAdoptWaitForTheHostLockThenFailWithLockedNamingTheHolder() throws Exception {
        try (HostLock.Held held = new HostLock(stateDir).acquire(Duration.ZERO)) {
            Response applied = call(
                    "apply",
                    new ApplyParams(Transaction.builder().add(Table.of(WEB)).build(), 100L));
            Response adopted = call("adopt", new AdoptParams(KUBE, 100L));

            for (Response response : List.of(applied, adopted)) {
                assertThat(response.error().code()).isEqualTo(ErrorCode.LOCKED);
                assertThat(response.error().message())
                        .matches("another nftkeeper apply holds the host lock "
                                + "\\(pid " + ProcessHandle.current().pid()
                                + "\\) since \\d{4}-.*Z; gave up after waiting "
                                + "100 ms \\(lock file .*host.lock\\)");
            }
        }
        assertThat(nft.scripts()).isEmpty();
        assertThat(apply(Transaction.builder().add(Table.of(WEB)).build()).failed())
                .isFalse();
    }

    @Test
    void aFailedSingleCommandNamesItsObjectAndKeepsNftsFullText() throws Exception {
        registry().save(Set.of(WEB));

        Response response = apply(Transaction.builder().delete(Table.of(WEB)).build());

        assertThat(response.error().object()).isEqualTo("table inet web");
        assertThat(response.error().message())
                .isEqualTo("Error: Could not process rule: No such file or directory\ndelete table inet web");
    }

    @Test
    void destroyOfAManagedTableDeletedByHandSucceedsAndForgetsIt() throws Exception {
        registry().save(Set.of(WEB));

        Response response = apply(Transaction.builder().destroy(Table.of(WEB)).build());

        assertThat(response.result().get("script").asText()).isEqualTo("add table inet web\ndelete table inet web\n");
        assertThat(registry().managed()).isEmpty();
    }

    @Test
    void destroyingObjectsOfATableThatIsGoneSucceedsWithoutTouchingTheHost() throws Exception {
        // the table was destroyed first (no dependency edges): it is no longer managed and no longer exists
        Response response =
                apply(Transaction.builder().destroy(Chain.regular(WEB, "input")).build());

        assertThat(response.error()).isNull();
        assertThat(response.result().get("script").asText()).isEmpty();
        assertThat(nft.scripts()).isEmpty();
    }

    @Test
    void aCheckMayTreatAnExistingTableBeingImportedAsManagedButNeverAMissingOne() throws Exception {
        Transaction tx = Transaction.builder().add(Chain.regular(KUBE, "mine")).build();
        TableRef missing = new TableRef(Family.INET, "missing");

        assertThat(call("check", new CheckParams(tx)).error().code()).isEqualTo(ErrorCode.NOT_OWNED);
        assertThat(call("check", new CheckParams(tx, List.of(KUBE))).error()).isNull();
        assertThat(call(
                                "check",
                                new CheckParams(
                                        Transaction.builder()
                                                .add(Chain.regular(missing, "c"))
                                                .build(),
                                        List.of(missing)))
                        .error()
                        .code())
                .isEqualTo(ErrorCode.NOT_OWNED);
        assertThat(registry().managed()).isEmpty();
    }

    @Test
    void destroyingAChainOfAnUnmanagedTableIsStillRefused() throws Exception {
        Response response = apply(
                Transaction.builder().destroy(Chain.regular(KUBE, "services")).build());

        assertThat(response.error().code()).isEqualTo(ErrorCode.NOT_OWNED);
        assertThat(nft.scripts()).isEmpty();
    }

    @Test
    void anEmptyTransactionIsInvalid() throws Exception {
        Response response = apply(Transaction.builder().build());

        assertThat(response.error())
                .isEqualTo(new ErrorBody(ErrorCode.INVALID, null, "the transaction has no commands"));
    }

    @Test
    void listReportsExistenceAndOwnershipAndTreatsAbsenceAsAnAnswer() throws Exception {
        apply(Transaction.builder().add(Table.of(WEB)).build());
        TableRef absent = new TableRef(Family.IP6, "absent");

        Response response = dispatcher()
                .handle("{\"id\":5,\"method\":\"list\",\"params\":{\"tables\":["
                        + "{\"family\":\"inet\",\"name\":\"web\"},{\"family\":\"ip\",\"name\":\"kube-proxy\"},"
                        + "{\"family\":\"ip6\",\"name\":\"absent\"}]}}");

        ListResult result = JsonLines.mapper().treeToValue(response.result(), ListResult.class);
        assertThat(result.tables())
                .extracting(TableListing::table, TableListing::exists, TableListing::managed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(WEB, true, true),
                        org.assertj.core.groups.Tuple.tuple(KUBE, true, false),
                        org.assertj.core.groups.Tuple.tuple(absent, false, false));
        assertThat(result.tables().get(0).live().name()).isEqualTo("web");
        assertThat(result.tables().get(2).live()).isNull();
    }

    @Test
    void anApplyAskedToReadBackAnswersWithTheTouchedTablesAsListAfterwardsWouldGiveThem() throws Exception {
        Response response = dispatcher()
                .handle("{\"id\":5,\"method\":\"apply\",\"params\":"
                        + JsonLines.mapper()
                                .writeValueAsString(new ApplyParams(Transaction.builder()
                                                .add(Table.of(WEB))
                                                .build())
                                        .withReadBack())
                        + "}");

        ApplyResult result = JsonLines.mapper().treeToValue(response.result(), ApplyResult.class);
        assertThat(result.tables())
                .extracting(TableListing::table, TableListing::exists, TableListing::managed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(WEB, true, true));
        assertThat(result.tables().get(0).live().table()).isEqualTo(WEB);
        Response listed = dispatcher()
                .handle("{\"id\":6,\"method\":\"list\",\"params\":{\"tables\":["
                        + "{\"family\":\"inet\",\"name\":\"web\"}]}}");
        assertThat(JsonLines.mapper()
                        .treeToValue(listed.result(), ListResult.class)
                        .tables())
                .isEqualTo(result.tables());
    }

    @Test
    void anApplyNotAskedToReadBackAnswersWithoutListings() throws Exception {
        Response response = apply(Transaction.builder().add(Table.of(WEB)).build());

        assertThat(JsonLines.mapper()
                        .treeToValue(response.result(), ApplyResult.class)
                        .tables())
                .isNull();
    }

    @Test
    void listingEveryTableShowsTablesNobodyAskedForWithTheirOwnershipAndChangesNothing() throws Exception {
        apply(Transaction.builder().add(Table.of(WEB)).build());
        int scriptsBefore = nft.scripts().size();

        Response response = dispatcher().handle("{\"id\":6,\"method\":\"list\",\"params\":{\"all\":true}}");

        ListResult result = JsonLines.mapper().treeToValue(response.result(), ListResult.class);
        assertThat(result.tables())
                .extracting(TableListing::table, TableListing::exists, TableListing::managed)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(WEB, true, true),
                        org.assertj.core.groups.Tuple.tuple(KUBE, true, false));
        assertThat(result.tables()).allSatisfy(t -> assertThat(t.text()).startsWith("table "));
        assertThat(nft.scripts()).hasSize(scriptsBefore);
    }

    @Test
    void adoptTakesAnExistingTableUnderManagement() throws Exception {
        Response response = dispatcher()
                .handle(
                        "{\"id\":3,\"method\":\"adopt\",\"params\":{\"table\":{\"family\":\"ip\",\"name\":\"kube-proxy\"}}}");

        assertThat(response.result().isEmpty()).isTrue();
        assertThat(registry().managed()).containsExactly(KUBE);
    }

    @Test
    void adoptOfAMissingTableIsNotFound() {
        Response response = dispatcher()
                .handle(
                        "{\"id\":3,\"method\":\"adopt\",\"params\":{\"table\":{\"family\":\"inet\",\"name\":\"nope\"}}}");

        assertThat(response.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(response.error().object()).isEqualTo("table inet nope");
        assertThat(registry().managed()).isEmpty();
    }

    @Test
    void unreadableRequestsAreInvalidAndCarryTheIdWhenItIsKnown() {
        Response notJson = dispatcher().handle("hello?");
        Response noId = dispatcher().handle("{\"method\":\"hello\"}");
        Response unknownMethod = dispatcher().handle("{\"id\":9,\"method\":\"flush\"}");
        Response badName = dispatcher()
                .handle("{\"id\":10,\"method\":\"adopt\",\"params\":{\"table\":"
                        + "{\"family\":\"inet\",\"name\":\"$(reboot)\"}}}");

        assertThat(notJson.id()).isNull();
        assertThat(notJson.error().code()).isEqualTo(ErrorCode.INVALID);
        assertThat(noId.id()).isNull();
        assertThat(noId.error().message()).isEqualTo("request has no numeric \"id\"");
        assertThat(unknownMethod.id()).isEqualTo(9L);
        assertThat(unknownMethod.error().message()).startsWith("unknown method \"flush\"");
        assertThat(badName.id()).isEqualTo(10L);
        assertThat(badName.error().message())
                .startsWith("invalid adopt params: table name \"$(reboot)\" is not a valid identifier");
    }

    @Test
    void anUnexpectedFailureIsReportedAsInternal() {
        Nftables broken = new FakeNftables() {
            @Override
            public Set<TableRef> tables() {
                throw new IllegalStateException("boom");
            }
        };
        Response response = new Dispatcher("0.1.0", "h", broken, stateDir)
                .handle("{\"id\":1,\"method\":\"adopt\",\"params\":{\"table\":{\"family\":\"inet\",\"name\":\"x\"}}}");

        assertThat(response.error().code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(response.error().message()).contains("boom");
    }

    @Test
    void applyRecordsTheBaselineOfEveryTouchedTableOnceIdleAndForgetsDeletedOnes() throws Exception {
        Path baseline = stateDir.resolve("baseline/inet-web.json");

        apply(Transaction.builder().add(Table.of(WEB)).build());
        assertThat(baseline).doesNotExist();
        idleLongEnough();
        assertThat(JsonLines.mapper().readTree(baseline.toFile()).toString())
                .isEqualTo("{\"nftables\":[{\"table\":{\"family\":\"inet\",\"name\":\"web\"}}],\"ruleText\":{}}");

        apply(Transaction.builder().delete(Table.of(WEB)).build());
        assertThat(baseline).doesNotExist();
        assertThat(dispatcher().nanosUntilIdleWork()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aChangeSetsTheOldBaselineAsideSoAnotherAgentSeesNoBaselineRatherThanDrift() throws Exception {
        apply(Transaction.builder().add(Table.of(WEB)).build());
        idleLongEnough();

        apply(Transaction.builder().add(Chain.regular(WEB, "extra")).build());
        Dispatcher otherAgent = new Dispatcher("0.1.0", "host1", nft, stateDir);

        assertThat(otherAgent
                        .handle("{\"id\":1,\"method\":\"drift\",\"params\":{\"tables\":[]}}")
                        .result()
                        .at("/tables/0/status")
                        .asText())
                .isEqualTo("no_baseline");
        assertThat(drift("[]").at("/tables/0/status").asText()).isEqualTo("clean");
    }

    @Test
    void aRefusedChangeKeepsTheBaseline() throws Exception {
        apply(Transaction.builder().add(Table.of(WEB)).build());
        idleLongEnough();

        // the second delete fails, so neither happens
        assertThat(apply(Transaction.builder()
                                .delete(Table.of(WEB))
                                .delete(Table.of(WEB))
                                .build())
                        .failed())
                .isTrue();

        assertThat(stateDir.resolve("baseline/inet-web.json")).exists();
        assertThat(dispatcher().nanosUntilIdleWork()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void closingTheAgentRecordsWhatIsStillUnrecorded() throws Exception {
        apply(Transaction.builder().add(Table.of(WEB)).build());

        dispatcher().close();

        assertThat(stateDir.resolve("baseline/inet-web.json")).exists();
    }

    private void idleLongEnough() throws InterruptedException {
        long deadline = System.nanoTime() + StaleBaselines.QUIET.toNanos() + TimeUnit.SECONDS.toNanos(5);
        while (dispatcher().nanosUntilIdleWork() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(dispatcher().nanosUntilIdleWork()).isZero();
        dispatcher().idleWork();
    }

    @Test
    void driftIsCleanRightAfterApplyAndReportsHandMadeChanges() throws Exception {
        apply(Transaction.builder().add(Table.of(WEB)).build());
        assertThat(drift("[]").toString())
                .isEqualTo("{\"tables\":[{\"family\":\"inet\",\"name\":\"web\","
                        + "\"status\":\"clean\",\"changes\":[]}]}");

        nft.changedByHand(
                WEB,
                JsonLines.mapper()
                        .readTree("{\"nftables\":[{\"table\":{\"family\":\"inet\","
                                + "\"name\":\"web\",\"handle\":1}},{\"chain\":{\"family\":\"inet\",\"table\":\"web\","
                                + "\"name\":\"extra\",\"handle\":2}}]}"));

        assertThat(drift("[{\"family\":\"inet\",\"name\":\"web\"}]").toString())
                .isEqualTo("{\"tables\":[{\"family\":\"inet\",\"name\":\"web\",\"status\":\"drifted\",\"changes\":["
                        + "{\"kind\":\"chain\",\"change\":\"added\",\"object\":\"chain inet web extra\","
                        + "\"live\":\"{\\\"family\\\":\\\"inet\\\",\\\"table\\\":\\\"web\\\","
                        + "\\\"name\\\":\\\"extra\\\"}\"}]}]}");
    }

    @Test
    void driftReportsMissingTablesAndTablesWithoutBaseline() throws Exception {
        TableRef gone = new TableRef(Family.INET, "gone");
        registry().save(Set.of(gone, KUBE));

        JsonNode result = drift("[]");

        assertThat(result.at("/tables/0/name").asText()).isEqualTo("kube-proxy");
        assertThat(result.at("/tables/0/status").asText()).isEqualTo("no_baseline");
        assertThat(result.at("/tables/1/name").asText()).isEqualTo("gone");
        assertThat(result.at("/tables/1/status").asText()).isEqualTo("missing");
    }

    @Test
    void adoptRecordsTheTablesCurrentStateAsItsBaseline() throws Exception {
        call("adopt", new AdoptParams(KUBE));

        assertThat(drift("[]").at("/tables/0/status").asText()).isEqualTo("clean");
    }

    @Test
    void driftOfATableNftkeeperDoesNotManageIsNotOwned() {
        Response response = dispatcher()
                .handle("{\"id\":1,\"method\":\"drift\",\"params\":{\"tables\":"
                        + "[{\"family\":\"ip\",\"name\":\"kube-proxy\"}]}}");

        assertThat(response.error().code()).isEqualTo(ErrorCode.NOT_OWNED);
        assertThat(response.error().object()).isEqualTo("table ip kube-proxy");
    }

    private JsonNode drift(String tables) {
        Response response =
                dispatcher().handle("{\"id\":1,\"method\":\"drift\",\"params\":{\"tables\":" + tables + "}}");
        assertThat(response.error()).isNull();
        return response.result();
    }

    @Test
    void responsesAreOneLineOfJsonEach() throws Exception {
        JsonNode line = JsonLines.mapper()
                .valueToTree(dispatcher().handle("{\"id\":1,\"method\":\"list\"," + "\"params\":{\"tables\":[]}}"));

        assertThat(line.toString()).isEqualTo("{\"id\":1,\"result\":{\"tables\":[]}}");
    }
}
