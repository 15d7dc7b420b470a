package io.nftkeeper.framework.schema;

import io.nftkeeper.framework.types.Value;

/**
 * Two known, non-null values of an attribute that differ only in form (e.g. {@code "10.0.0.0/8"} and
 * {@code "10.0.0.0/08"}). When an attribute has one, the framework keeps the earlier value instead of the new
 * form: in plans (prior state over configuration), after Read (prior over refreshed) and after apply (planned
 * over returned), so users never see a diff that is no change.
 */
@FunctionalInterface
public interface SemanticEquality {
    boolean equivalent(Value earlier, Value later);
}
