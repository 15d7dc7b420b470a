package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.provider.Cancellation;
import io.nftkeeper.framework.types.Value;

/** Delete the object described by {@code state}. */
public record DeleteRequest(Value state, byte[] privateState, Cancellation cancellation) {
    public DeleteRequest(Value state) {
        this(state, new byte[0], Cancellation.never());
    }
}
