package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.provider.FakeHosts;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** nftables_table on the fake agent: created managed for a new owner, flags changed in place, adopted by import. */
class TableLifecycleTest extends ResourceLifecycleTest {

    @Override
    Resource newResource() {
        return new TableResource();
    }

    @Override
    boolean managedTable() {
        return false;
    }

    @Override
    Map<String, Value> created() {
        return Map.of("family", string("inet"), "name", string("web"));
    }

    @Override
    Change change() {
        return new Change(Map.of("family", string("inet"), "name", string("web"), "flags", stringSet("dormant")), null);
    }

    @Override
    void assertCreated(LiveTable live) {
        assertThat(live.flags()).isEmpty();
        assertThat(agent.manages(TABLE)).isTrue();
    }

    @Override
    void assertChanged(LiveTable live) {
        assertThat(live.flags()).containsExactly("dormant");
    }

    @Override
    void assertDeleted(LiveTable live) {
        throw new AssertionError("the table itself is deleted");
    }

    @Override
    BadPlan badPlan() {
        configure(new FakeHosts(agent, Optional.empty()));
        return new BadPlan(created(), Path.root("host"));
    }

    @Test
    void anUnmanagedTableIsNotCreatedOverButImportedAndAdoptedAtApply() {
        Value imported = importState(BYSTANDER_ID);
        assertThat(imported.get("managed").asBool()).isFalse();
        assertThat(agent.manages(BYSTANDER)).as("import only reads").isFalse();
        Map<String, Value> config = Map.of("family", string("inet"), "name", string("bystander"));
        Planned planned = plan(config, imported);
        assertThat(planned.plan().get("managed").asBool()).isTrue();
        update(config, planned, imported);
        assertThat(agent.manages(BYSTANDER)).isTrue();
    }

    /**
     * A table's import state has no owner ID, and the created table is claimed for the one its creation made: as
     * after `terraform state rm`, importing it again is taking it over, refused at plan unless asked for.
     */
    @Override
    @Test
    void importReadsTheObjectBackAsTheStateItWasCreatedWith() {
        Value state = create(created());
        Value read = read(importState(importId(state))).orElseThrow();
        assertThat(read.get("id")).isEqualTo(state.get("id"));
        assertThat(read.get("owner").isNull()).isTrue();
        assertThat(plan(created(), read).diagnostics().hasError()).isTrue();
        Map<String, Value> takeover = new HashMap<>(created());
        takeover.put("takeover", Value.bool(true));
        assertThat(plan(takeover, read).diagnostics().hasError()).isFalse();
    }

    @Test
    void anotherConfigurationsTableImportedHereIsRefusedAtPlanUnlessTakenOver() {
        TableRef theirs = new TableRef(Family.INET, "theirs");
        agent.apply(Transaction.builder()
                .add(new Table(theirs.family(), theirs.name()))
                .build()
                .onBehalfOf("their-owner"));
        int applied = agent.applied().size();
        Value imported = importState(FakeHosts.HOST + "/inet/theirs");

        Planned refused = plan(Map.of("family", string("inet"), "name", string("theirs")), imported);
        assertThat(refused.diagnostics().asList())
                .singleElement()
                .satisfies(error -> assertThat(error.summary() + " " + error.detail())
                        .contains("Cannot import table inet theirs from " + FakeHosts.HOST)
                        .contains("managed by another Terraform configuration")
                        .contains("`takeover = true`"));
        Planned takenOver = plan(
                Map.of("family", string("inet"), "name", string("theirs"), "takeover", Value.bool(true)), imported);
        assertNoError(takenOver.diagnostics());
        assertThat(agent.applied()).as("plan only reads").hasSize(applied);
    }
}
