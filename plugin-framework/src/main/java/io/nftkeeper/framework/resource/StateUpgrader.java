package io.nftkeeper.framework.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.types.Value;

/**
 * Turns state stored by an older schema version into a value of the current schema. Gets the raw JSON Terraform
 * stored (decode parts of it with {@code Values.fromJson(node, oldType)} if convenient) and returns a wholly known
 * object of the current schema's type; report unusable state with {@code diagnostics} and return null.
 */
@FunctionalInterface
public interface StateUpgrader {
    Value upgrade(JsonNode priorState, Diagnostics diagnostics);
}
