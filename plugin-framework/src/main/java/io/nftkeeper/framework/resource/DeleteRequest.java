package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.types.Value;

/** Delete the object described by {@code state}. */
public record DeleteRequest(Value state) {
}
