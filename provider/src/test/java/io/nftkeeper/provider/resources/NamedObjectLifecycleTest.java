package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.live.LiveTable;
import java.util.HashMap;
import java.util.Map;

/**
 * The NamedObjectResource kinds on the fake agent: each subclass names its kind, the attributes of a first and a
 * changed object, and whether the change replaces it; a table nftkeeper does not manage fails the plan's dry run.
 */
abstract class NamedObjectLifecycleTest extends ResourceLifecycleTest {

    /** nft's keyword for the kind, e.g. {@code ct helper}. */
    abstract String kind();

    abstract String name();

    /** The kind's own attributes of the first object. */
    abstract Map<String, Value> first();

    /** The kind's own attributes of the changed object. */
    abstract Map<String, Value> second();

    /** The attribute whose change replaces the object, or null where the kernel updates it in place. */
    abstract Path replacedBy();

    /** The body nft declares the first object with, as the host lists it. */
    abstract String firstBody();

    abstract String secondBody();

    private Map<String, Value> object(String tableId, Map<String, Value> attributes) {
        Map<String, Value> config = new HashMap<>(attributes);
        config.put("table_id", string(tableId));
        config.put("name", string(name()));
        return config;
    }

    @Override
    Map<String, Value> created() {
        return object(TABLE_ID, first());
    }

    @Override
    Change change() {
        return new Change(object(TABLE_ID, second()), replacedBy());
    }

    @Override
    void assertCreated(LiveTable live) {
        assertThat(live.named(kind(), name()).orElseThrow().body()).isEqualTo(firstBody());
    }

    @Override
    void assertChanged(LiveTable live) {
        assertThat(live.named(kind(), name()).orElseThrow().body()).isEqualTo(secondBody());
    }

    @Override
    void assertDeleted(LiveTable live) {
        assertThat(live.contains(kind(), name())).isFalse();
    }

    @Override
    BadPlan badPlan() {
        return new BadPlan(object(BYSTANDER_ID, first()), Path.empty());
    }
}
