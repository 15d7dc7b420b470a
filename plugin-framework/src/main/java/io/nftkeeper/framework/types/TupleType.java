package io.nftkeeper.framework.types;

import java.util.List;
import java.util.stream.IntStream;

/** The cty tuple type: a fixed sequence of element types. */
public record TupleType(List<Type> elements) implements Type {
    public TupleType {
        elements = List.copyOf(elements);
    }

    @Override
    public String friendlyName() {
        return "tuple" + elements;
    }

    @Override
    public boolean accepts(Type actual) {
        return actual instanceof TupleType other
                && other.elements.size() == elements.size()
                && IntStream.range(0, elements.size())
                        .allMatch(i -> elements.get(i).accepts(other.elements.get(i)));
    }

    @Override
    public String toString() {
        return friendlyName();
    }
}
