package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.live.LiveTable;
import java.util.Map;

/** nftables_set on the fake agent: elements changed in place, an element nft refuses named at plan. */
class SetLifecycleTest extends ResourceLifecycleTest {

    @Override
    Resource newResource() {
        return new SetResource(java.nio.file.Path.of("").toAbsolutePath());
    }

    private static Map<String, Value> set(String... elements) {
        return Map.of(
                "table_id",
                string(TABLE_ID),
                "name",
                string("allowed"),
                "type",
                string("ipv4_addr"),
                "elements",
                strings(elements));
    }

    @Override
    Map<String, Value> created() {
        return set("10.0.0.1");
    }

    @Override
    Change change() {
        return new Change(set("10.0.0.1", "10.0.0.2"), null);
    }

    @Override
    void assertCreated(LiveTable live) {
        assertThat(live.set("allowed").orElseThrow().elements()).containsExactly("10.0.0.1");
        assertThat(live.set("allowed").orElseThrow().type()).isEqualTo("ipv4_addr");
    }

    @Override
    void assertChanged(LiveTable live) {
        assertThat(live.set("allowed").orElseThrow().elements()).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
    }

    @Override
    void assertDeleted(LiveTable live) {
        assertThat(live.set("allowed")).isEmpty();
    }

    @Override
    BadPlan badPlan() {
        return new BadPlan(set("10.0.0.1", "10.0.0.300"), Path.root("elements").atIndex(1));
    }
}
