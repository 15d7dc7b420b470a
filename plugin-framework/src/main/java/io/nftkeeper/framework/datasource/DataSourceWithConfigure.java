package io.nftkeeper.framework.datasource;

/** Receives the provider data, like {@code ResourceWithConfigure}. */
public interface DataSourceWithConfigure {
    void configure(Object providerData);
}
