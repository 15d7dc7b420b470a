package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.provider.Cancellation;

/** Import: {@code id} is the string the user passed to {@code terraform import} or an import block. */
public record ImportStateRequest(String id, Cancellation cancellation) {
    public ImportStateRequest(String id) {
        this(id, Cancellation.never());
    }
}
