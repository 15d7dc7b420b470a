package io.nftkeeper.framework.datasource;

import io.nftkeeper.framework.types.Value;

/** The data block's configuration; wholly known. */
public record DataSourceReadRequest(Value config) {
}
