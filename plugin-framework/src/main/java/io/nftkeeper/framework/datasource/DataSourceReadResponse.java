package io.nftkeeper.framework.datasource;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.types.Value;

/** Set the full object: the configuration with every computed attribute filled in. */
public final class DataSourceReadResponse {
    private final Diagnostics diagnostics = new Diagnostics();
    private Value state;

    public void setState(Value state) {
        this.state = state;
    }

    public Value state() {
        return state;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }
}
