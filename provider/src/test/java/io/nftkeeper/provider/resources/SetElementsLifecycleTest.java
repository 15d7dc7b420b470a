package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.live.LiveTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * nftables_set_elements on the fake agent: its elements join those another contributor put into the set, and only
 * its own are removed.
 */
class SetElementsLifecycleTest extends ResourceLifecycleTest {

    @Override
    Resource newResource() {
        return new SetElementsResource(java.nio.file.Path.of("").toAbsolutePath());
    }

    @Override
    void given() {
        agent.apply(Transaction.builder()
                .add(NftSet.builder(TABLE, "allowed")
                        .type("ipv4_addr")
                        .elements(List.of("10.9.9.9"))
                        .build())
                .build()
                .onBehalfOf("owner-1"));
    }

    private static Map<String, Value> elements(String... elements) {
        return Map.of("set_id", string(TABLE_ID + "/allowed"), "elements", strings(elements));
    }

    @Override
    Map<String, Value> created() {
        return elements("10.0.0.5");
    }

    @Override
    Change change() {
        return new Change(elements("10.0.0.5", "10.0.0.6"), null);
    }

    @Override
    void assertCreated(LiveTable live) {
        assertThat(live.set("allowed").orElseThrow().elements()).containsExactlyInAnyOrder("10.9.9.9", "10.0.0.5");
    }

    @Override
    void assertChanged(LiveTable live) {
        assertThat(live.set("allowed").orElseThrow().elements())
                .containsExactlyInAnyOrder("10.9.9.9", "10.0.0.5", "10.0.0.6");
    }

    @Override
    void assertDeleted(LiveTable live) {
        assertThat(live.set("allowed").orElseThrow().elements()).containsExactly("10.9.9.9");
    }

    @Override
    BadPlan badPlan() {
        return null;
    }

    @Override
    void assertReadAfterDelete(Optional<Value> read) {
        // the set stays: the resource reads none of its elements there any more, which the next plan adds back
        assertThat(read.orElseThrow().get("elements").asList()).isEmpty();
    }

    @Override
    String importId(Value state) {
        return TABLE_ID + "/allowed/10.0.0.5";
    }
}
