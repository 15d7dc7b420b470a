package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.provider.Cancellation;
import io.nftkeeper.framework.types.Value;

/** Read: {@code state} is what Terraform last stored (or what import returned), with its private bytes. */
public record ReadRequest(Value state, byte[] privateState, Cancellation cancellation) {
    public ReadRequest(Value state) {
        this(state, new byte[0], Cancellation.never());
    }
}
