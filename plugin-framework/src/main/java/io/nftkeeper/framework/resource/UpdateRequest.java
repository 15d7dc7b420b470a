package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.types.Value;

/** Update: move from {@code state} to {@code plan}. */
public record UpdateRequest(Value config, Value plan, Value state) {
}
