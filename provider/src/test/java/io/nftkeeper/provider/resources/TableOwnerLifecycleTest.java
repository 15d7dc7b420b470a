package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.internal.rpc.FrameworkPlanning;
import io.nftkeeper.framework.provider.Cancellation;
import io.nftkeeper.framework.resource.CreateRequest;
import io.nftkeeper.framework.resource.CreateResponse;
import io.nftkeeper.framework.resource.DeleteRequest;
import io.nftkeeper.framework.resource.DeleteResponse;
import io.nftkeeper.framework.resource.ImportStateRequest;
import io.nftkeeper.framework.resource.ImportStateResponse;
import io.nftkeeper.framework.resource.ModifyPlanRequest;
import io.nftkeeper.framework.resource.ModifyPlanResponse;
import io.nftkeeper.framework.resource.ReadRequest;
import io.nftkeeper.framework.resource.ReadResponse;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.resource.ResourceWithConfigure;
import io.nftkeeper.framework.resource.ResourceWithImportState;
import io.nftkeeper.framework.resource.ResourceWithModifyPlan;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.fake.FakeAgent;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.FakeHosts;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The objects in a table (a chain, a set, set_elements) keep their table's owner ID in their private state and write
 * on its behalf, also in a provider process that never hears of the table's resource; a write that names no owner
 * (another configuration naming the table by a literal {@code table_id}) is refused in an owned table. Each
 * {@link FakeHosts} is one provider process (one terraform command) on the same host.
 */
class TableOwnerLifecycleTest {

    private static final TableRef TABLE = new TableRef(Family.INET, "web");
    private static final String TABLE_ID = FakeHosts.HOST + "/inet/web";
    private static final String OWNER = "a1a1a1a1-0000-4000-8000-000000000001";

    private final FakeAgent agent = new FakeAgent();

    /** A provider process of the configuration whose nftables_table manages {@link #TABLE}, as after its plan. */
    private FakeHosts owningConfiguration() {
        FakeHosts hosts = new FakeHosts(agent);
        hosts.owners().learn(TableId.parse(TABLE_ID).orElseThrow(), OWNER);
        return hosts;
    }

    /** A provider process that has not heard of the table's resource (a destroy; another configuration). */
    private FakeHosts unaware() {
        return new FakeHosts(agent);
    }

    @BeforeEach
    void ownedTable() {
        agent.apply(Transaction.builder()
                .add(new Table(TABLE.family(), TABLE.name()))
                .add(NftSet.builder(TABLE, "allowed").type("ipv4_addr").build())
                .build()
                .onBehalfOf(OWNER));
    }

    private record Kept(Value state, byte[] privateState) {}

    private static <R extends Resource> R configured(R resource, FakeHosts hosts) {
        ((ResourceWithConfigure) resource).configure(hosts);
        return resource;
    }

    private static Value config(Resource resource, Map<String, Value> attributes) {
        Value.ObjectBuilder config = Value.objectBuilder(resource.schema().objectType());
        attributes.forEach(config::set);
        return config.build();
    }

    /** Plan (the resource's modifyPlan on the framework's plan) and create, as one `terraform apply` would. */
    private static Kept create(Supplier<Resource> kind, FakeHosts planning, FakeHosts applying, Map<String, Value> a) {
        Resource planner = configured(kind.get(), planning);
        Value config = config(planner, a);
        Value plan = FrameworkPlanning.plan(
                        planner.schema(), Value.nullOf(planner.schema().objectType()), config, config)
                .plan();
        ModifyPlanResponse planned = new ModifyPlanResponse(plan);
        ((ResourceWithModifyPlan) planner)
                .modifyPlan(
                        new ModifyPlanRequest(
                                config, plan, Value.nullOf(planner.schema().objectType())),
                        planned);
        assertNoError(planned.diagnostics());
        byte[] plannedPrivate = planned.privateState() == null ? new byte[0] : planned.privateState();
        CreateResponse created = new CreateResponse();
        configured(kind.get(), applying)
                .create(new CreateRequest(config, planned.plan(), plannedPrivate, Cancellation.never()), created);
        assertNoError(created.diagnostics());
        return new Kept(created.state(), created.privateState() == null ? plannedPrivate : created.privateState());
    }

    private static Kept read(Supplier<Resource> kind, FakeHosts hosts, Kept kept) {
        ReadResponse read = new ReadResponse(kept.state());
        configured(kind.get(), hosts)
                .read(new ReadRequest(kept.state(), kept.privateState(), Cancellation.never()), read);
        assertNoError(read.diagnostics());
        return new Kept(read.state(), read.privateState() == null ? kept.privateState() : read.privateState());
    }

    private static Diagnostics delete(Supplier<Resource> kind, FakeHosts hosts, Kept kept) {
        DeleteResponse deleted = new DeleteResponse();
        configured(kind.get(), hosts)
                .delete(new DeleteRequest(kept.state(), kept.privateState(), Cancellation.never()), deleted);
        return deleted.diagnostics();
    }

    private static Kept importState(Supplier<Resource> kind, FakeHosts hosts, String id) {
        ImportStateResponse imported = new ImportStateResponse();
        ((ResourceWithImportState) configured(kind.get(), hosts)).importState(new ImportStateRequest(id), imported);
        assertNoError(imported.diagnostics());
        return new Kept(imported.state(), imported.privateState() == null ? new byte[0] : imported.privateState());
    }

    private static Map<String, Value> chain(String name) {
        return Map.of("table_id", Value.string(TABLE_ID), "name", Value.string(name));
    }

    private TableListing listing() {
        return agent.list(new ListParams(List.of(TABLE))).tables().get(0);
    }

    private static void assertNoError(Diagnostics diagnostics) {
        assertThat(diagnostics.hasError()).as(diagnostics.toString()).isFalse();
    }

    @Test
    void aDestroyInAProcessThatNeverHeardOfTheTableDeletesOnBehalfOfTheOwnerTheChainKept() {
        // planned in a process that read the table; applied in one that did not (the table did not change)
        Kept chain = create(ChainResource::new, owningConfiguration(), unaware(), chain("c"));
        assertThat(agent.applied().get(agent.applied().size() - 1).owner()).isEqualTo(OWNER);

        assertNoError(delete(ChainResource::new, unaware(), chain));

        assertThat(listing().live().chain("c")).isEmpty();
        assertThat(agent.applied().get(agent.applied().size() - 1).owner()).isEqualTo(OWNER);
    }

    @Test
    void setsAndElementsKeepTheOwnerToo() {
        Kept set = create(
                () -> new SetResource(java.nio.file.Path.of("").toAbsolutePath()),
                owningConfiguration(),
                unaware(),
                Map.of(
                        "table_id",
                        Value.string(TABLE_ID),
                        "name",
                        Value.string("s"),
                        "type",
                        Value.string("ipv4_addr")));
        Kept elements = create(
                () -> new SetElementsResource(java.nio.file.Path.of("").toAbsolutePath()),
                owningConfiguration(),
                unaware(),
                Map.of(
                        "set_id",
                        Value.string(TABLE_ID + "/allowed"),
                        "elements",
                        Value.list(Type.STRING, List.of(Value.string("10.0.0.5")))));

        assertNoError(
                delete(() -> new SetElementsResource(java.nio.file.Path.of("").toAbsolutePath()), unaware(), elements));
        assertNoError(delete(() -> new SetResource(java.nio.file.Path.of("").toAbsolutePath()), unaware(), set));

        assertThat(listing().live().set("s")).isEmpty();
        assertThat(listing().live().set("allowed").orElseThrow().elements()).isEmpty();
    }

    @Test
    void anotherConfigurationsDeleteOfAChainInTheOwnedTableIsRefusedNamingTheTableAndTheChainStays() {
        create(ChainResource::new, owningConfiguration(), owningConfiguration(), chain("c"));
        TableListing before = listing();
        int applied = agent.applied().size();

        // another configuration imports the chain by its literal ID: its processes never know the table's owner
        Kept theirs = read(ChainResource::new, unaware(), importState(ChainResource::new, unaware(), TABLE_ID + "/c"));
        assertThat(theirs.privateState()).isEmpty();
        Diagnostics refused = delete(ChainResource::new, unaware(), theirs);

        assertThat(refused.asList())
                .singleElement()
                .satisfies(error -> assertThat(error.summary() + " " + error.detail())
                        .contains("Cannot delete chain inet web c")
                        .contains("table inet web is managed by a Terraform configuration")
                        .contains("does not come on its behalf"));
        assertThat(listing()).isEqualTo(before);
        assertThat(agent.applied()).hasSize(applied);
    }

    @Test
    void stateWithoutTheOwnerLearnsItAtTheNextRefreshOfItsConfiguration() {
        create(ChainResource::new, owningConfiguration(), owningConfiguration(), chain("c"));
        // state written before owner IDs: the chain has no private state
        Kept old = importState(ChainResource::new, unaware(), TABLE_ID + "/c");
        assertThat(old.privateState()).isEmpty();

        Kept refreshed = read(ChainResource::new, owningConfiguration(), old);
        assertThat(refreshed.privateState()).isNotEmpty();

        assertNoError(delete(ChainResource::new, unaware(), refreshed));
        assertThat(listing().live().chain("c")).isEmpty();
    }
}
