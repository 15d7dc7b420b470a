package io.nftkeeper.framework.types;

import java.util.Objects;

/** The cty {@code list} type with elements of one type. */
public record ListType(Type element) implements Type {
    public ListType {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public String friendlyName() {
        return "list of " + element.friendlyName();
    }

    @Override
    public boolean accepts(Type actual) {
        return actual instanceof ListType other && element.accepts(other.element);
    }

    @Override
    public String toString() {
        return friendlyName();
    }
}
