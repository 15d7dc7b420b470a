package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.schema.Schema;

/**
 * A managed resource type. The framework makes a fresh instance (from the provider's supplier) for every call,
 * so instances may keep per-call fields; shared clients come through {@link ResourceWithConfigure}.
 */
public interface Resource {
    /** The full type name, e.g. {@code nftables_table}. */
    String typeName();

    Schema schema();

    void create(CreateRequest req, CreateResponse resp);

    void read(ReadRequest req, ReadResponse resp);

    void update(UpdateRequest req, UpdateResponse resp);

    void delete(DeleteRequest req, DeleteResponse resp);
}
