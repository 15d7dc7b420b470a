package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.types.Value;
import java.util.ArrayList;
import java.util.List;

/** Starts with the plan as it stands; change it with {@link #setPlan}, ask for replacement with {@link #requiresReplace}. */
public final class ModifyPlanResponse {
    private final Diagnostics diagnostics = new Diagnostics();
    private final List<Path> requiresReplace = new ArrayList<>();
    private Value plan;
    private byte[] privateState;

    public ModifyPlanResponse(Value plan) {
        this.plan = plan;
    }

    public Value plan() {
        return plan;
    }

    public void setPlan(Value plan) {
        this.plan = plan;
    }

    /** A change at {@code path} cannot be made in place. */
    public void requiresReplace(Path path) {
        requiresReplace.add(path);
    }

    public List<Path> requiresReplacePaths() {
        return List.copyOf(requiresReplace);
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
