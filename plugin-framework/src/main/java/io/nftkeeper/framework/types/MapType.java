package io.nftkeeper.framework.types;

import java.util.Objects;

/** The cty {@code map} type with elements of one type. */
public record MapType(Type element) implements Type {
    public MapType {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public String friendlyName() {
        return "map of " + element.friendlyName();
    }

    @Override
    public boolean accepts(Type actual) {
        return actual instanceof MapType other && element.accepts(other.element);
    }

    @Override
    public String toString() {
        return friendlyName();
    }
}
