package io.nftkeeper.framework.provider;

import io.nftkeeper.framework.types.Value;

/** The provider block as configured; values may be unknown while planning. */
public record ConfigureRequest(Value config, String terraformVersion, Cancellation cancellation) {
    public ConfigureRequest(Value config, String terraformVersion) {
        this(config, terraformVersion, Cancellation.never());
    }
}
