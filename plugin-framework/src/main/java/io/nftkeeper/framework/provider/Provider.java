package io.nftkeeper.framework.provider;

import io.nftkeeper.framework.datasource.DataSource;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.schema.Schema;
import java.util.List;
import java.util.function.Supplier;

/** A Terraform provider: its configuration schema and the resource and data source types it offers. */
public interface Provider {
    /** The provider's local name, e.g. {@code nftables}; resource type names start with it and an underscore. */
    String typeName();

    String version();

    Schema schema();

    /** Called once per Terraform run before any resource call; may run with unknown values in {@code req.config()}. */
    void configure(ConfigureRequest req, ConfigureResponse resp);

    /** One supplier per resource type; called for every request. */
    List<Supplier<Resource>> resources();

    default List<Supplier<DataSource>> dataSources() {
        return List.of();
    }

    /**
     * The provider's full source address, used as the key of {@code TF_REATTACH_PROVIDERS}; it must match the
     * {@code source} in the configuration's {@code required_providers}.
     */
    default String sourceAddress() {
        return "registry.terraform.io/nftkeeper/" + typeName();
    }

    /**
     * Terraform asked the provider to stop (StopProvider) or is shutting the plugin down: close connections and
     * abort slow work. In-flight calls also see their {@link Cancellation} cancelled. May be called more than once.
     */
    default void stop() {}
}
