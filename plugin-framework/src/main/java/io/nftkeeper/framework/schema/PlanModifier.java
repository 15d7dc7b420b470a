package io.nftkeeper.framework.schema;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.types.Value;
import java.util.Objects;

/** Adjusts the planned value of one attribute, or asks for replacement of the resource. */
@FunctionalInterface
public interface PlanModifier {

    void modifyPlan(Request request, Response response);

    /**
     * What Terraform planned for the attribute. {@code state} is the prior value (null value when creating),
     * {@code creating} is true when the resource does not exist yet.
     */
    record Request(Path path, Value config, Value state, Value plan, boolean creating) {}

    /** Starts with the plan as it stands; modifiers see the effect of earlier modifiers. */
    final class Response {
        private Value plan;
        private boolean requiresReplace;

        public Response(Value plan) {
            this.plan = Objects.requireNonNull(plan, "plan");
        }

        public Value plan() {
            return plan;
        }

        public void setPlan(Value plan) {
            this.plan = Objects.requireNonNull(plan, "plan");
        }

        public boolean requiresReplace() {
            return requiresReplace;
        }

        public void requireReplace() {
            this.requiresReplace = true;
        }
    }
}
