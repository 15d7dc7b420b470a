package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.types.Value;

/**
 * The plan after the framework's defaults and attribute plan modifiers; {@code state} is a null value on create.
 * {@code privateState} is the prior private bytes (empty on create).
 */
public record ModifyPlanRequest(Value config, Value plan, Value state, byte[] privateState) {
    public ModifyPlanRequest(Value config, Value plan, Value state) {
        this(config, plan, state, new byte[0]);
    }
}
