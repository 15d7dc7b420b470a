package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.types.Value;

/** Set the new state: the plan with every unknown filled in. */
public final class CreateResponse {
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
