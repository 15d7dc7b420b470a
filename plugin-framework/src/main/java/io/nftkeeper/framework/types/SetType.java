package io.nftkeeper.framework.types;

import java.util.Objects;

/** The cty {@code set} type with elements of one type. */
public record SetType(Type element) implements Type {
    public SetType {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public String friendlyName() {
        return "set of " + element.friendlyName();
    }

    @Override
    public boolean accepts(Type actual) {
        return actual instanceof SetType other && element.accepts(other.element);
    }

    @Override
    public String toString() {
        return friendlyName();
    }
}
