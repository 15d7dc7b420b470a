package io.nftkeeper.framework.resource;

/** Receives what the provider set with {@code ConfigureResponse.setProviderData} before any other call. */
public interface ResourceWithConfigure {
    /** {@code providerData} is null while the provider is not configured yet (e.g. during validation). */
    void configure(Object providerData);
}
