package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.Value;

/**
 * The framework's own planning step (defaults, unknown computed values, plan modifiers) for resource unit tests,
 * so that what a resource's modifyPlan receives is what PlanResourceChange would give it. Lives in the framework's
 * package because {@link Planner} is internal to it.
 */
public final class FrameworkPlanning {

    private FrameworkPlanning() {
    }

    /** The plan before the resource's modifyPlan, and the paths the framework's plan modifiers replace. */
    public static Value plan(Schema schema, Value prior, Value proposed, Value config) {
        return Planner.plan(schema, prior, proposed, config).plan();
    }
}
