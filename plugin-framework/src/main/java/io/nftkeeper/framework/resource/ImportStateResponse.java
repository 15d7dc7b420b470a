package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.types.Value;

/** Set a partial object (e.g. built with {@code Value.objectBuilder}) holding what identifies the object; Read fills the rest. */
public final class ImportStateResponse {
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
