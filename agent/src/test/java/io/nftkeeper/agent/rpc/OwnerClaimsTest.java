package io.nftkeeper.agent.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.agent.nft.FakeNftables;
import io.nftkeeper.agent.state.OwnershipRegistry;
import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AdoptParams;
import io.nftkeeper.protocol.wire.ApplyParams;
import io.nftkeeper.protocol.wire.CheckParams;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.JsonLines;
import io.nftkeeper.protocol.wire.Request;
import io.nftkeeper.protocol.wire.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owner IDs and kernel handles recorded per managed table, and the changes they refuse. */
class OwnerClaimsTest {

    private static final TableRef WEB = new TableRef(Family.INET, "web");
    private static final String ALICE = "a1a1a1a1-0000-4000-8000-000000000001";
    private static final String BOB = "b0b0b0b0-0000-4000-8000-000000000002";

    @TempDir
    Path stateDir;

    private final FakeNftables nft = new FakeNftables();
    private Dispatcher agent;

    private Dispatcher dispatcher() {
        if (agent == null) {
            agent = new Dispatcher("0.1.0", "host1", nft, stateDir);
        }
        return agent;
    }

    private Response call(String method, Object params) throws Exception {
        Request request = new Request(7, method, JsonLines.mapper().valueToTree(params));
        return dispatcher().handle(JsonLines.mapper().writeValueAsString(request));
    }

    private Response apply(Transaction tx, String owner) throws Exception {
        return call("apply", new ApplyParams(tx.onBehalfOf(owner)));
    }

    private static Transaction createWeb() {
        return Transaction.builder().add(Table.of(WEB)).build();
    }

    private static Transaction addChain() {
        return Transaction.builder().add(Chain.regular(WEB, "c")).build();
    }

    private OwnershipRegistry.Claim claim() {
        return new OwnershipRegistry(stateDir).claim(WEB);
    }

    @Test
    void creatingATableClaimsItForItsOwnerWithItsKernelHandle() throws Exception {
        assertThat(apply(createWeb(), ALICE).failed()).isFalse();

        assertThat(claim())
                .isEqualTo(
                        new OwnershipRegistry.Claim(ALICE, nft.tableHandle(WEB).getAsLong()));
        assertThat(Files.readString(stateDir.resolve("managed-tables.json"))).contains(ALICE);
    }

    @Test
    void anotherOwnerCanNeitherCreateNorChangeNorDestroyTheTableAndIsToldHowToTakeItOver() throws Exception {
        apply(createWeb(), ALICE);

        for (Transaction tx : Set.of(
                createWeb(),
                addChain(),
                Transaction.builder().destroy(Table.of(WEB)).build())) {
            Response refused = apply(tx, BOB);
            assertThat(refused.error().code()).isEqualTo(ErrorCode.NOT_OWNED);
            assertThat(refused.error().message())
                    .startsWith("table inet web is managed by another Terraform configuration")
                    .contains("set `takeover = true` on its nftables_table");
        }
        assertThat(nft.dump()).containsExactly(WEB);
        assertThat(apply(addChain(), ALICE).failed()).isFalse();
    }

    @Test
    void aWriteForNoOwnerThatRemovesFromAnOwnedTableIsRefusedNamingTheTableAndHowToTakeItOver() throws Exception {
        apply(createWeb(), ALICE);
        apply(addChain(), ALICE);
        int committed = nft.scripts().size();

        for (Transaction tx : Set.of(
                Transaction.builder().destroy(Chain.regular(WEB, "c")).build(),
                Transaction.builder().flush(Chain.regular(WEB, "c")).build(),
                Transaction.builder()
                        .add(Chain.regular(WEB, "d"))
                        .destroy(Chain.regular(WEB, "c"))
                        .build())) {
            Response refused = apply(tx, null);
            assertThat(refused.error().code()).isEqualTo(ErrorCode.NOT_OWNED);
            assertThat(refused.error().message())
                    .startsWith("table inet web is managed by a Terraform configuration (its nftables_table has an "
                            + "owner ID) and this change does not come on its behalf")
                    .contains("table_id = nftables_table.<label>.id")
                    .contains("set `takeover = true` on its nftables_table");
        }
        assertThat(nft.scripts()).hasSize(committed);
        // a write that only adds may name no owner: Terraform gives a create in an unchanged table none to name
        assertThat(apply(Transaction.builder().add(Chain.regular(WEB, "d")).build(), null)
                        .failed())
                .isFalse();
        // a dry run changes nothing: it is not refused for want of an owner
        assertThat(call("check", new CheckParams(addChain())).failed()).isFalse();
        assertThat(apply(Transaction.builder().destroy(Chain.regular(WEB, "c")).build(), ALICE)
                        .failed())
                .isFalse();
    }

    @Test
    void theDryRunAtPlanRefusesAnotherOwnerToo() throws Exception {
        apply(createWeb(), ALICE);

        Response refused = call("check", new CheckParams(addChain().onBehalfOf(BOB)));

        assertThat(refused.error().code()).isEqualTo(ErrorCode.NOT_OWNED);
        assertThat(nft.dryRuns()).isEmpty();
    }

    @Test
    void aTableReCreatedOutsideNftkeeperIsNotWrittenIntoUntilAdoptedAgain() throws Exception {
        apply(createWeb(), ALICE);
        long created = claim().handle();
        nft.recreatedByHand(WEB);

        for (String owner : new String[] {ALICE, null}) {
            Response refused = apply(addChain(), owner);
            assertThat(refused.error().code()).isEqualTo(ErrorCode.NOT_OWNED);
            assertThat(refused.error().message())
                    .startsWith("table inet web was deleted and re-created outside "
                            + "nftkeeper (its kernel handle was " + created
                            + " when nftkeeper created or adopted it and is "
                            + nft.tableHandle(WEB).getAsLong() + " now)")
                    .contains("import it again");
        }
        Response destroy = apply(Transaction.builder().destroy(Table.of(WEB)).build(), ALICE);
        assertThat(destroy.error().code()).isEqualTo(ErrorCode.NOT_OWNED);
        assertThat(nft.dump()).containsExactly(WEB);

        // adopting it again (an import) accepts the new table, for whoever imports it
        assertThat(call("adopt", new AdoptParams(WEB, BOB, false)).failed()).isFalse();
        assertThat(claim())
                .isEqualTo(new OwnershipRegistry.Claim(BOB, nft.tableHandle(WEB).getAsLong()));
        assertThat(apply(addChain(), BOB).failed()).isFalse();
    }

    @Test
    void aManagedTableDeletedByHandIsClaimedAfreshWhenCreatedAgainAlsoByANewOwner() throws Exception {
        apply(createWeb(), ALICE);
        nft.deletedByHand(WEB);

        assertThat(apply(createWeb(), ALICE).failed()).isFalse();
        assertThat(claim())
                .isEqualTo(
                        new OwnershipRegistry.Claim(ALICE, nft.tableHandle(WEB).getAsLong()));
        assertThat(apply(addChain(), ALICE).failed()).isFalse();

        // the state that knew ALICE's owner ID is gone with the table: the configuration creates it as BOB
        nft.deletedByHand(WEB);
        assertThat(apply(createWeb(), BOB).failed()).isFalse();
        assertThat(claim())
                .isEqualTo(new OwnershipRegistry.Claim(BOB, nft.tableHandle(WEB).getAsLong()));
        assertThat(apply(addChain(), ALICE).error().code()).isEqualTo(ErrorCode.NOT_OWNED);
    }

    @Test
    void adoptingATableOfAnotherOwnerNeedsATakeover() throws Exception {
        apply(createWeb(), ALICE);

        Response refused = call("adopt", new AdoptParams(WEB, BOB, false));
        assertThat(refused.error().code()).isEqualTo(ErrorCode.NOT_OWNED);
        assertThat(refused.error().message()).contains("is not imported").contains("takeover = true");
        assertThat(claim().owner()).isEqualTo(ALICE);

        assertThat(call("adopt", new AdoptParams(WEB, BOB, true)).failed()).isFalse();
        assertThat(claim().owner()).isEqualTo(BOB);
        assertThat(apply(addChain(), ALICE).error().code()).isEqualTo(ErrorCode.NOT_OWNED);
    }

    @Test
    void aTableRecordedWithoutOwnerIsOpenToAnyOwnerUntilAnAdoptClaimsIt() throws Exception {
        nft.with(WEB);
        new OwnershipRegistry(stateDir).save(Set.of(WEB)); // as 0.1.0 recorded it

        assertThat(apply(addChain(), BOB).failed()).isFalse();
        assertThat(claim()).isEqualTo(OwnershipRegistry.Claim.NONE);

        assertThat(call("adopt", new AdoptParams(WEB, ALICE, false)).failed()).isFalse();
        assertThat(claim())
                .isEqualTo(
                        new OwnershipRegistry.Claim(ALICE, nft.tableHandle(WEB).getAsLong()));
        assertThat(apply(addChain(), BOB).error().code()).isEqualTo(ErrorCode.NOT_OWNED);
    }

    @Test
    void anOwnerIdIsOnlyLettersDigitsAndDashes() throws Exception {
        Response refused = dispatcher()
                .handle("{\"id\":1,\"method\":\"apply\",\"params\":{\"transaction\":"
                        + "{\"commands\":[{\"verb\":\"add\",\"object\":{\"kind\":\"table\",\"family\":\"inet\","
                        + "\"name\":\"web\"}}],\"owner\":\"a b\"}}}");

        assertThat(refused.error().code()).isEqualTo(ErrorCode.INVALID);
        assertThat(refused.error().message()).contains("owner ID");
        assertThat(nft.dump()).isEmpty();
    }
}
