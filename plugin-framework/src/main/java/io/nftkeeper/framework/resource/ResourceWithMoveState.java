package io.nftkeeper.framework.resource;

/**
 * Accepts state from another resource type (or provider) in a {@code moved { from = ..., to = ... }} block.
 * Set no state (and no error) to say "not a source I know"; Terraform then reports the move as unsupported.
 */
public interface ResourceWithMoveState {
    void moveState(MoveStateRequest req, MoveStateResponse resp);
}
