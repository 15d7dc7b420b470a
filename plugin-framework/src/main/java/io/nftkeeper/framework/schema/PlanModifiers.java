package io.nftkeeper.framework.schema;

/** The plan modifiers most attributes need. */
public final class PlanModifiers {
    private PlanModifiers() {}

    /** Changing this attribute destroys and re-creates the resource. */
    public static PlanModifier requiresReplace() {
        return (request, response) -> {
            if (!request.creating() && !response.plan().equals(request.state())) {
                response.requireReplace();
            }
        };
    }

    /**
     * A computed attribute that never changes after create keeps its prior value instead of showing
     * "(known after apply)" on every update.
     */
    public static PlanModifier useStateForUnknown() {
        return (request, response) -> {
            if (!request.creating()
                    && !request.state().isNull()
                    && response.plan().isUnknown()
                    && !request.config().isUnknown()) {
                response.setPlan(request.state());
            }
        };
    }
}
