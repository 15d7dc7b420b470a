package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.types.Value;

/** Set the target state (a wholly known object of this resource's schema), or leave it null to decline. */
public final class MoveStateResponse {
    private final Diagnostics diagnostics = new Diagnostics();
    private Value state;
    private byte[] privateState;

    public void setState(Value state) {
        this.state = state;
    }

    public Value state() {
        return state;
    }

    public void setPrivateState(byte[] privateState) {
        this.privateState = privateState;
    }

    public byte[] privateState() {
        return privateState;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }
}
