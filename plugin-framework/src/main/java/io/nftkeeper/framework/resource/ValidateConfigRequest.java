package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.types.Value;

/** The configuration as written; may contain unknown values. */
public record ValidateConfigRequest(Value config) {}
