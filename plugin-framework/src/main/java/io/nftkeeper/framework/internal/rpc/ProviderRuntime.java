package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.datasource.DataSource;
import io.nftkeeper.framework.datasource.DataSourceWithConfigure;
import io.nftkeeper.framework.provider.Cancellation;
import io.nftkeeper.framework.provider.Provider;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.resource.ResourceWithConfigure;
import io.nftkeeper.framework.schema.Schema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What every RPC shares: the provider, its resource and data source types (schemas read once at start) and
 * the provider data set by ConfigureProvider.
 */
public final class ProviderRuntime {
    private final Provider provider;
    private final Schema providerSchema;
    private final Map<String, Supplier<Resource>> resources = new LinkedHashMap<>();
    private final Map<String, Schema> resourceSchemas = new LinkedHashMap<>();
    private final Map<String, Supplier<DataSource>> dataSources = new LinkedHashMap<>();
    private final Map<String, Schema> dataSourceSchemas = new LinkedHashMap<>();
    private volatile Object providerData;
    /** Replaced on every stop, so calls after a StopProvider get a fresh, uncancelled token. */
    private final AtomicReference<Cancellation> cancellation = new AtomicReference<>(new Cancellation());

    public ProviderRuntime(Provider provider) {
        this.provider = provider;
        this.providerSchema = provider.schema();
        for (Supplier<Resource> supplier : provider.resources()) {
            Resource sample = supplier.get();
            resources.put(sample.typeName(), supplier);
            resourceSchemas.put(sample.typeName(), sample.schema());
        }
        for (Supplier<DataSource> supplier : provider.dataSources()) {
            DataSource sample = supplier.get();
            dataSources.put(sample.typeName(), supplier);
            dataSourceSchemas.put(sample.typeName(), sample.schema());
        }
    }

    Provider provider() {
        return provider;
    }

    Schema providerSchema() {
        return providerSchema;
    }

    Map<String, Schema> resourceSchemas() {
        return Collections.unmodifiableMap(resourceSchemas);
    }

    Map<String, Schema> dataSourceSchemas() {
        return Collections.unmodifiableMap(dataSourceSchemas);
    }

    Optional<Schema> resourceSchema(String typeName) {
        return Optional.ofNullable(resourceSchemas.get(typeName));
    }

    /** A fresh, configured instance of the resource type. */
    Optional<Resource> newResource(String typeName) {
        Supplier<Resource> supplier = resources.get(typeName);
        if (supplier == null) {
            return Optional.empty();
        }
        Resource resource = supplier.get();
        if (resource instanceof ResourceWithConfigure configurable) {
            configurable.configure(providerData);
        }
        return Optional.of(resource);
    }

    Optional<DataSource> newDataSource(String typeName) {
        Supplier<DataSource> supplier = dataSources.get(typeName);
        if (supplier == null) {
            return Optional.empty();
        }
        DataSource dataSource = supplier.get();
        if (dataSource instanceof DataSourceWithConfigure configurable) {
            configurable.configure(providerData);
        }
        return Optional.of(dataSource);
    }

    /** The token handed to calls now; cancelled by {@link #stop()}. */
    Cancellation cancellation() {
        return cancellation.get();
    }

    /** StopProvider or Shutdown: cancels in-flight calls and lets the provider close what it holds. */
    public void stop() {
        cancellation.getAndSet(new Cancellation()).cancel();
        provider.stop();
    }

    void setProviderData(Object providerData) {
        this.providerData = providerData;
    }
}
