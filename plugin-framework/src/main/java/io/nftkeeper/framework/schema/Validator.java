package io.nftkeeper.framework.schema;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.types.Value;

/** Checks one attribute's configured value. Only called with known, non-null values. */
@FunctionalInterface
public interface Validator {
    void validate(Path path, Value value, Diagnostics diagnostics);
}
