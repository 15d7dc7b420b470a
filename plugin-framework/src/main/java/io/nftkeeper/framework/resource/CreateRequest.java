package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.types.Value;

/** Create: {@code plan} is what to build (may hold unknowns for computed attributes). */
public record CreateRequest(Value config, Value plan) {
}
