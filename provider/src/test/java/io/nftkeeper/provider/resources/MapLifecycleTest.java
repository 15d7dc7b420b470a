package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.live.LiveTable;
import java.util.LinkedHashMap;
import java.util.Map;

/** nftables_map on the fake agent: entries changed in place. */
class MapLifecycleTest extends ResourceLifecycleTest {

    @Override
    Resource newResource() {
        return new MapResource();
    }

    private static Map<String, Value> map(String... keysAndVerdicts) {
        Map<String, Value> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndVerdicts.length; i += 2) {
            entries.put(keysAndVerdicts[i], string(keysAndVerdicts[i + 1]));
        }
        return Map.of(
                "table_id",
                string(TABLE_ID),
                "name",
                string("backends"),
                "type",
                string("ipv4_addr"),
                "value_type",
                string("verdict"),
                "elements",
                Value.map(Type.STRING, entries));
    }

    @Override
    Map<String, Value> created() {
        return map("10.0.0.1", "accept");
    }

    @Override
    Change change() {
        return new Change(map("10.0.0.1", "drop", "10.0.0.2", "accept"), null);
    }

    @Override
    void assertCreated(LiveTable live) {
        assertThat(live.map("backends").orElseThrow().entries()).containsExactlyEntriesOf(Map.of("10.0.0.1", "accept"));
    }

    @Override
    void assertChanged(LiveTable live) {
        assertThat(live.map("backends").orElseThrow().entries())
                .containsExactlyInAnyOrderEntriesOf(Map.of("10.0.0.1", "drop", "10.0.0.2", "accept"));
    }

    @Override
    void assertDeleted(LiveTable live) {
        assertThat(live.map("backends")).isEmpty();
    }

    @Override
    BadPlan badPlan() {
        return null; // its keys and values are checked by the schema's validators (ElementAddresses), not at plan
    }
}
