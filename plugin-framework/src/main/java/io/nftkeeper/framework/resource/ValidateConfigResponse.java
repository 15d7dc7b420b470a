package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.diag.Diagnostics;

/** Report configuration problems, with attribute paths where possible. */
public final class ValidateConfigResponse {
    private final Diagnostics diagnostics = new Diagnostics();

    public Diagnostics diagnostics() {
        return diagnostics;
    }
}
