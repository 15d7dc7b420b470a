package io.nftkeeper.framework.resource;

/** Adjusts a create or update plan beyond what attribute plan modifiers can express. */
public interface ResourceWithModifyPlan {
    void modifyPlan(ModifyPlanRequest req, ModifyPlanResponse resp);
}
