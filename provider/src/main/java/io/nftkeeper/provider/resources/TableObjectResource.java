package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.resource.ModifyPlanRequest;
import io.nftkeeper.framework.resource.ModifyPlanResponse;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.resource.ResourceWithConfigure;
import io.nftkeeper.framework.resource.ResourceWithImportState;
import io.nftkeeper.framework.resource.ResourceWithModifyPlan;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.NftObject;
import io.nftkeeper.provider.Attempt;
import io.nftkeeper.provider.HostsConfigured;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What {@link SetLikeResource} and {@link TypedObjectResource} start from: a resource of one kind of object in a
 * managed table, whose state is the record {@code S}, and the hosts it reaches.
 */
abstract class TableObjectResource<S extends Record & TableObjectState> extends HostsConfigured
        implements Resource, ResourceWithConfigure, ResourceWithImportState, ResourceWithModifyPlan {

    /** nft's keyword for the kind ("set", "counter"). */
    final String kind;

    final String typeName;
    final Class<S> stateClass;
    /** The object name an invalid import ID's help shows. */
    final String importExample;

    private final List<String> declaredBy;
    private final Supplier<Schema> schema;

    TableObjectResource(TableObjectKind<S> kind) {
        this.kind = kind.keyword();
        this.schema = kind.schema();
        this.typeName = kind.typeName();
        this.stateClass = kind.stateClass();
        this.importExample = kind.importExample();
        this.declaredBy = kind.declaredBy();
    }

    @Override
    public final String typeName() {
        return typeName;
    }

    @Override
    public final Schema schema() {
        return schema.get();
    }

    List<String> declaredBy() {
        return declaredBy;
    }

    /** Trying to {@code verb} the object of {@code state} on its host. */
    Attempt attempt(String verb, S state) {
        return Attempt.to(
                verb,
                new TableObjectId(state.table(), state.name()).describe(kind),
                state.table().host());
    }

    S state(Value value) {
        return Values.toRecord(value, stateClass);
    }

    Value state(S state) {
        return Values.fromRecord(schema().objectType(), state);
    }

    /** Keeps the owner ID of the planned table in the planned private state ({@link TableOwners#keep}). */
    void keepOwner(ModifyPlanRequest req, ModifyPlanResponse resp) {
        if (hosts() != null && !resp.plan().isNull()) {
            hosts().owners().keepPlanned(TableOwners.plannedTable(resp.plan().get("table_id")), req, resp);
        }
    }

    /** Tells this run's chains about the planned object: their dry runs declare it ({@code declaration} of a plan). */
    void remember(Value plan, Function<S, NftObject> declaration) {
        if (hosts() != null) {
            hosts().planned().remember(plan, stateClass, declaredBy, declaration);
        }
    }
}
