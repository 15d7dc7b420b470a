package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.diag.Diagnostics;

/** Report problems; without errors the resource counts as deleted. */
public final class DeleteResponse {
    private final Diagnostics diagnostics = new Diagnostics();

    public Diagnostics diagnostics() {
        return diagnostics;
    }
}
