package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.Value;
import java.util.List;

/**
 * The framework's own planning step (defaults, unknown computed values, plan modifiers) for resource unit tests,
 * so that what a resource's modifyPlan receives is what PlanResourceChange would give it. Lives in the framework's
 * package because {@link Planner} is internal to it.
 */
public final class FrameworkPlanning {

    private FrameworkPlanning() {}

    /** The plan before the resource's modifyPlan, and the paths whose change the plan modifiers say replaces it. */
    public record Planned(Value plan, List<Path> requiresReplace) {}

    public static Planned plan(Schema schema, Value prior, Value proposed, Value config) {
        Planner.Result result = Planner.plan(schema, prior, proposed, config);
        return new Planned(result.plan(), result.requiresReplace());
    }
}
