package io.nftkeeper.framework.provider;

import io.nftkeeper.framework.diag.Diagnostics;

/** Set the object (client, connection pool...) resources receive through {@code ResourceWithConfigure}. */
public final class ConfigureResponse {
    private final Diagnostics diagnostics = new Diagnostics();
    private Object providerData;

    public void setProviderData(Object providerData) {
        this.providerData = providerData;
    }

    public Object providerData() {
        return providerData;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }
}
