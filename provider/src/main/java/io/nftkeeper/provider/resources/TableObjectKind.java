package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.schema.Schema;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a {@link TableObjectResource} is a resource of.
 *
 * @param keyword nft's keyword for the kind ("set", "counter")
 * @param typeName the resource type ("nftables_set")
 * @param schema the resource's schema
 * @param stateClass the state record
 * @param importExample the object name an invalid import ID's help shows
 * @param declaredBy the attributes besides table and name that declare the object (without any elements), which a
 *     chain's dry run needs
 */
record TableObjectKind<S extends Record & TableObjectState>(
        String keyword,
        String typeName,
        Supplier<Schema> schema,
        Class<S> stateClass,
        String importExample,
        List<String> declaredBy) {}
