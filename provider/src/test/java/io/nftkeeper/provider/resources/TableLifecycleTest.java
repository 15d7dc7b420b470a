package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.provider.FakeHosts;
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
}
