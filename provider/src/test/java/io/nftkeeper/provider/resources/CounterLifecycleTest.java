package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.live.LiveTable;
import java.util.Map;

/** nftables_counter on the fake agent: renaming replaces it. */
class CounterLifecycleTest extends ResourceLifecycleTest {

    @Override
    Resource newResource() {
        return new CounterResource();
    }

    @Override
    Map<String, Value> created() {
        return Map.of("table_id", string(TABLE_ID), "name", string("hits"));
    }

    @Override
    Change change() {
        return new Change(Map.of("table_id", string(TABLE_ID), "name", string("misses")), Path.root("name"));
    }

    @Override
    void assertCreated(LiveTable live) {
        assertThat(live.contents().counters()).containsExactly("hits");
    }

    @Override
    void assertChanged(LiveTable live) {
        assertThat(live.contents().counters()).containsExactly("misses");
    }

    @Override
    void assertDeleted(LiveTable live) {
        assertThat(live.contents().counters()).isEmpty();
    }

    @Override
    BadPlan badPlan() {
        return null;
    }
}
