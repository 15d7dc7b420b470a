package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.provider.Cancellation;
import io.nftkeeper.framework.types.Value;

/**
 * Create: {@code plan} is what to build (may hold unknowns for computed attributes). {@code privateState} is what
 * ModifyPlan stored for this change (empty when none); {@code cancellation} says when Terraform wants us to stop.
 */
public record CreateRequest(Value config, Value plan, byte[] privateState, Cancellation cancellation) {
    public CreateRequest(Value config, Value plan) {
        this(config, plan, new byte[0], Cancellation.never());
    }
}
