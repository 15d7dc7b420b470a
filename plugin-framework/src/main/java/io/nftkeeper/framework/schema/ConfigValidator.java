package io.nftkeeper.framework.schema;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.types.Value;

/**
 * Checks that span attributes of one object (the resource, or each object of a nested attribute or block).
 * {@code object} is known and not null; {@code path} is where it sits, for diagnostics.
 */
@FunctionalInterface
public interface ConfigValidator {
    void validate(Path path, Value object, Diagnostics diagnostics);
}
