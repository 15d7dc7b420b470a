package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nftkeeper.framework.diag.Diagnostic;
import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.internal.rpc.FrameworkPlanning;
import io.nftkeeper.framework.path.Path;
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
import io.nftkeeper.framework.resource.UpdateRequest;
import io.nftkeeper.framework.resource.UpdateResponse;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.fake.FakeAgent;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.FakeHosts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Create, read, update, delete, import and modifyPlan of one resource against a {@link FakeAgent}, each step as
 * Terraform and the framework drive it (the framework's own planning first, then the resource's modifyPlan). A
 * subclass per resource says what to configure and what the host must then have; the steps are the same for all.
 * The resources live in the managed table {@link #TABLE} of {@link FakeHosts#HOST}, made by the
 * {@code nftables_table} before each test, unless {@link #managedTable()} says otherwise.
 */
abstract class ResourceLifecycleTest {

    static final TableRef TABLE = new TableRef(Family.INET, "web");
    static final String TABLE_ID = FakeHosts.HOST + "/inet/web";
    /** A table someone else's software made by hand (kube-proxy, docker): never managed. */
    static final TableRef BYSTANDER = new TableRef(Family.INET, "bystander");

    static final String BYSTANDER_ID = FakeHosts.HOST + "/inet/bystander";

    /** The owner ID of {@link #TABLE}'s nftables_table. */
    static final String OWNER = "owner-1";

    protected final FakeAgent agent = new FakeAgent();
    protected final FakeHosts hosts = new FakeHosts(agent);

    /** A new resource of the kind under test (not yet configured). */
    abstract Resource newResource();

    /** The configuration created first. */
    abstract Map<String, Value> created();

    /** A changed configuration, and the attribute whose change replaces the object (null: changed in place). */
    abstract Change change();

    record Change(Map<String, Value> config, Path replaces) {}

    /** What the host has after {@link #created()} was applied. */
    abstract void assertCreated(LiveTable live);

    /** What the host has after the {@link #change()} was applied. */
    abstract void assertChanged(LiveTable live);

    /** What the host has after the resource was deleted. */
    abstract void assertDeleted(LiveTable live);

    /**
     * A configuration whose plan fails, and the attribute its error is on ({@link Path#empty()}: none); null for a
     * resource without plan-time checks of its own (its values are checked by the schema's validators).
     */
    abstract BadPlan badPlan();

    record BadPlan(Map<String, Value> config, Path path) {}

    /** Whether the resource lives in the managed {@link #TABLE} (false for nftables_table itself). */
    boolean managedTable() {
        return true;
    }

    /** What the resource needs on the host before it is created, besides its table. */
    void given() {}

    @BeforeEach
    void managedTableExists() {
        agent.byHand(Transaction.builder()
                .add(new Table(BYSTANDER.family(), BYSTANDER.name()))
                .build());
        if (managedTable()) {
            agent.apply(Transaction.builder()
                    .add(new Table(TABLE.family(), TABLE.name()))
                    .build()
                    .onBehalfOf(OWNER));
            // as this configuration's nftables_table tells the provider process at plan, read, create or update
            hosts.owners().learn(TableId.parse(TABLE_ID).orElseThrow(), OWNER);
        }
        given();
    }

    @Test
    void createWritesWhatIsDeclaredAndReadFindsNoDrift() {
        Value state = create(created());
        assertCreated(live(TABLE));
        assertThat(read(state)).contains(state);
    }

    @Test
    void aChangeIsPlannedAndAppliedInPlaceOrByReplacementAndReadFindsNoDrift() {
        Value prior = create(created());
        Change change = change();
        Planned planned = plan(change.config(), prior);
        assertNoError(planned.diagnostics());
        Value state;
        if (change.replaces() == null) {
            assertThat(planned.replaced())
                    .as("an in-place update replaces nothing")
                    .isEmpty();
            state = update(change.config(), planned, prior);
        } else {
            assertThat(planned.replaced()).contains(change.replaces());
            delete(prior);
            state = create(change.config());
        }
        assertChanged(live(TABLE));
        assertThat(read(state)).contains(state);
    }

    @Test
    void aPlanOfTheUnchangedConfigurationIsTheState() {
        Value state = create(created());
        Planned planned = plan(created(), state);
        assertThat(planned.diagnostics().hasError())
                .as(planned.diagnostics().toString())
                .isFalse();
        assertThat(planned.plan()).isEqualTo(state);
    }

    @Test
    void deleteRemovesTheObjectAndReadThenDropsIt() {
        Value state = create(created());
        delete(state);
        if (managedTable()) {
            assertDeleted(live(TABLE));
        } else {
            assertThat(listing(TABLE).exists()).isFalse();
        }
        assertReadAfterDelete(read(state));
    }

    /** What a refresh finds after the delete: by default nothing, so Terraform drops the resource. */
    void assertReadAfterDelete(Optional<Value> read) {
        assertThat(read).isEmpty();
    }

    /** The import ID of the object {@code state} describes. */
    String importId(Value state) {
        return state.get("id").asString();
    }

    @Test
    void importReadsTheObjectBackAsTheStateItWasCreatedWith() {
        Value state = create(created());
        Value read = read(importState(importId(state))).orElseThrow();
        assertThat(read.get("id")).isEqualTo(state.get("id"));
        assertThat(plan(created(), read).diagnostics().hasError()).isFalse();
    }

    @Test
    void aBadPlanIsOneErrorOnTheAttributeAndTheHostIsLeftAsItWas() {
        LiveTable before = listing(TABLE).live();
        BadPlan bad = badPlan();
        assumeTrue(bad != null, "no plan-time checks of its own");
        Planned planned = plan(bad.config(), Value.nullOf(schema().objectType()));
        List<Diagnostic> errors = planned.diagnostics().asList().stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                .toList();
        assertThat(errors).as(planned.diagnostics().toString()).hasSize(1);
        assertThat(errors.get(0).path() == null ? Path.empty() : errors.get(0).path())
                .isEqualTo(bad.path());
        assertThat(listing(TABLE).live()).isEqualTo(before);
    }

    // ---- Terraform's side of each step ----

    private Resource resource;

    Resource resource() {
        if (resource == null) {
            resource = newResource();
            configure(hosts);
        }
        return resource;
    }

    /** Gives the resource {@code access} as the configured provider would. */
    void configure(io.nftkeeper.provider.HostAccess access) {
        ((ResourceWithConfigure) resource()).configure(access);
    }

    Schema schema() {
        return resource().schema();
    }

    Value config(Map<String, Value> attributes) {
        Value.ObjectBuilder config = Value.objectBuilder(schema().objectType());
        attributes.forEach(config::set);
        return config.build();
    }

    record Planned(Value plan, Diagnostics diagnostics, List<Path> replaced) {}

    /** Terraform's proposed new state (computed values it was not configured with stay as they were), then plan. */
    Planned plan(Map<String, Value> attributes, Value prior) {
        Value config = config(attributes);
        Value proposed = config;
        if (!prior.isNull()) {
            for (Attribute a : schema().attributes()) {
                if (a.isComputed() && config.get(a.name()).isNull()) {
                    proposed = proposed.with(a.name(), prior.get(a.name()));
                }
            }
        }
        FrameworkPlanning.Planned framework = FrameworkPlanning.plan(schema(), prior, proposed, config);
        ModifyPlanResponse modified = new ModifyPlanResponse(framework.plan());
        ((ResourceWithModifyPlan) resource())
                .modifyPlan(new ModifyPlanRequest(config, framework.plan(), prior), modified);
        List<Path> replaced = new java.util.ArrayList<>(framework.requiresReplace());
        replaced.addAll(modified.requiresReplacePaths());
        return new Planned(modified.plan(), modified.diagnostics(), replaced);
    }

    Value create(Map<String, Value> attributes) {
        Planned planned = plan(attributes, Value.nullOf(schema().objectType()));
        assertNoError(planned.diagnostics());
        CreateResponse created = new CreateResponse();
        resource().create(new CreateRequest(config(attributes), planned.plan()), created);
        assertNoError(created.diagnostics());
        assertThat(created.state().isWhollyKnown())
                .as("created state %s", created.state())
                .isTrue();
        return created.state();
    }

    Value importState(String id) {
        ImportStateResponse imported = new ImportStateResponse();
        ((ResourceWithImportState) resource()).importState(new ImportStateRequest(id), imported);
        assertNoError(imported.diagnostics());
        return imported.state();
    }

    void delete(Value state) {
        DeleteResponse deleted = new DeleteResponse();
        resource().delete(new DeleteRequest(state), deleted);
        assertNoError(deleted.diagnostics());
    }

    Value update(Map<String, Value> attributes, Planned planned, Value prior) {
        assertNoError(planned.diagnostics());
        UpdateResponse updated = new UpdateResponse();
        resource().update(new UpdateRequest(config(attributes), planned.plan(), prior), updated);
        assertNoError(updated.diagnostics());
        assertThat(updated.state().isWhollyKnown())
                .as("updated state %s", updated.state())
                .isTrue();
        return updated.state();
    }

    /** The state after a refresh; empty when the resource is gone. */
    Optional<Value> read(Value state) {
        ReadResponse read = new ReadResponse(state);
        resource().read(new ReadRequest(state), read);
        assertNoError(read.diagnostics());
        return Optional.ofNullable(read.state());
    }

    TableListing listing(TableRef table) {
        return agent.list(new ListParams(List.of(table))).tables().get(0);
    }

    LiveTable live(TableRef table) {
        TableListing listing = listing(table);
        assertThat(listing.exists()).as(table.describe() + " exists").isTrue();
        return listing.live();
    }

    static void assertNoError(Diagnostics diagnostics) {
        assertThat(diagnostics.hasError()).as(diagnostics.toString()).isFalse();
    }

    static Value string(String s) {
        return Value.string(s);
    }

    static Value number(long n) {
        return Value.number(n);
    }

    static Value strings(String... values) {
        return Value.list(
                Type.STRING, List.of(values).stream().map(Value::string).toList());
    }

    static Value stringSet(String... values) {
        return Value.set(
                Type.STRING, List.of(values).stream().map(Value::string).toList());
    }
}
