package io.nftkeeper.framework.resource;

import java.util.Map;

/**
 * The resource's schema version was raised; state written by older versions is upgraded before Terraform uses it.
 * Each upgrader goes straight from its version to the current one (no chaining), like Terraform's own framework.
 */
public interface ResourceWithUpgradeState {
    /** Upgraders keyed by the schema version of the state they read. */
    Map<Long, StateUpgrader> stateUpgraders();
}
