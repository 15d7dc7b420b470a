package io.nftkeeper.framework.datasource;

import io.nftkeeper.framework.schema.Schema;

/** A data source type; like resources, a fresh instance serves every call. */
public interface DataSource {
    /** The full type name, e.g. {@code nftables_ruleset}. */
    String typeName();

    Schema schema();

    void read(DataSourceReadRequest req, DataSourceReadResponse resp);
}
