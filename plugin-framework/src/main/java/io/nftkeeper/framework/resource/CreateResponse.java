package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.types.Value;

/** Set the new state: the plan with every unknown filled in. */
public final class CreateResponse {
    private final Diagnostics diagnostics = new Diagnostics();
    private Value state;
    private byte[] privateState;

    public void setState(Value state) {
        this.state = state;
    }

    public Value state() {
        return state;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /** Opaque bytes Terraform stores beside the state and hands back on the next call; null keeps what came in. */
    public void setPrivateState(byte[] privateState) {
        this.privateState = privateState;
    }

    public byte[] privateState() {
        return privateState;
    }
}
