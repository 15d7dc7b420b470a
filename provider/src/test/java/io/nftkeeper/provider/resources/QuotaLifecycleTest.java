package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.live.LiveTable;
import java.util.Map;

/** nftables_quota on the fake agent: its byte budget changes in place. */
class QuotaLifecycleTest extends ResourceLifecycleTest {

    @Override
    Resource newResource() {
        return new QuotaResource();
    }

    private static Map<String, Value> quota(long bytes) {
        return Map.of("table_id", string(TABLE_ID), "name", string("monthly"), "bytes", number(bytes));
    }

    @Override
    Map<String, Value> created() {
        return quota(1_000_000);
    }

    @Override
    Change change() {
        return new Change(quota(2_000_000), null);
    }

    @Override
    void assertCreated(LiveTable live) {
        assertThat(live.quota("monthly").orElseThrow().quota().bytes()).isEqualTo(1_000_000);
    }

    @Override
    void assertChanged(LiveTable live) {
        assertThat(live.quota("monthly").orElseThrow().quota().bytes()).isEqualTo(2_000_000);
    }

    @Override
    void assertDeleted(LiveTable live) {
        assertThat(live.quota("monthly")).isEmpty();
    }

    @Override
    BadPlan badPlan() {
        return null;
    }
}
