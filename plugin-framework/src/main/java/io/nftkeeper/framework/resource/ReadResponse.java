package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.types.Value;

/** Starts with the prior state; set the state as it is now, or null / {@link #removeResource()} when the object is gone. */
public final class ReadResponse {
    private final Diagnostics diagnostics = new Diagnostics();
    private Value state;
    private byte[] privateState;

    public ReadResponse(Value priorState) {
        this.state = priorState;
    }

    /** The object no longer exists; Terraform drops it from state and plans to create it. */
    public void removeResource() {
        this.state = null;
    }

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
