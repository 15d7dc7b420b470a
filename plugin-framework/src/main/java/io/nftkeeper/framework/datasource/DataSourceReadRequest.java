package io.nftkeeper.framework.datasource;

import io.nftkeeper.framework.provider.Cancellation;
import io.nftkeeper.framework.types.Value;

/** The data block's configuration; wholly known. */
public record DataSourceReadRequest(Value config, Cancellation cancellation) {
    public DataSourceReadRequest(Value config) {
        this(config, Cancellation.never());
    }
}
