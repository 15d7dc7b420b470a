package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.live.LiveTable;
import java.util.HashMap;
import java.util.Map;

/** nftables_limit on the fake agent: a new rate replaces it (the kernel cannot change a limit in place). */
class LimitLifecycleTest extends ResourceLifecycleTest {

    @Override
    Resource newResource() {
        return new LimitResource();
    }

    private static Map<String, Value> limit(String rate, String burst) {
        Map<String, Value> config =
                new HashMap<>(Map.of("table_id", string(TABLE_ID), "name", string("ssh"), "rate", string(rate)));
        if (burst != null) {
            config.put("burst", string(burst));
        }
        return config;
    }

    @Override
    Map<String, Value> created() {
        return limit("10/minute", null);
    }

    @Override
    Change change() {
        return new Change(limit("20/minute", null), Path.root("rate"));
    }

    @Override
    void assertCreated(LiveTable live) {
        assertThat(live.limit("ssh").orElseThrow().rate()).isEqualTo(10);
    }

    @Override
    void assertChanged(LiveTable live) {
        assertThat(live.limit("ssh").orElseThrow().rate()).isEqualTo(20);
    }

    @Override
    void assertDeleted(LiveTable live) {
        assertThat(live.limit("ssh")).isEmpty();
    }

    @Override
    BadPlan badPlan() {
        // a burst in bytes for a rate in packets
        return new BadPlan(limit("10/minute", "10 kbytes"), Path.root("burst"));
    }
}
