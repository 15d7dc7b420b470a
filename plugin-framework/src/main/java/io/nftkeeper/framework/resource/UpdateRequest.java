package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.provider.Cancellation;
import io.nftkeeper.framework.types.Value;

/** Update: move from {@code state} to {@code plan}; {@code privateState} is the planned private bytes. */
public record UpdateRequest(Value config, Value plan, Value state, byte[] privateState, Cancellation cancellation) {
    public UpdateRequest(Value config, Value plan, Value state) {
        this(config, plan, state, new byte[0], Cancellation.never());
    }
}
