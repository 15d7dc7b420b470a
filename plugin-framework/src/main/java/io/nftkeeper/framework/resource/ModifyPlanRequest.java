package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.types.Value;

/** The plan after the framework's defaults and attribute plan modifiers; {@code state} is a null value on create. */
public record ModifyPlanRequest(Value config, Value plan, Value state) {
}
