package io.nftkeeper.framework.types;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The cty object type: a fixed set of named attributes, kept in name order (the order cty uses on the wire). */
public record ObjectType(Map<String, Type> attributes) implements Type {
    public ObjectType {
        Objects.requireNonNull(attributes, "attributes");
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    public boolean hasAttribute(String name) {
        return attributes.containsKey(name);
    }

    /** The type of attribute {@code name}; throws when the object has no such attribute. */
    public Type attributeType(String name) {
        Type type = attributes.get(name);
        if (type == null) {
            throw new IllegalArgumentException(
                    "object has no attribute \"" + name + "\"; its attributes are " + attributes.keySet());
        }
        return type;
    }

    @Override
    public String friendlyName() {
        return "object" + attributes.keySet();
    }

    @Override
    public boolean accepts(Type actual) {
        if (!(actual instanceof ObjectType other) || !other.attributes.keySet().equals(attributes.keySet())) {
            return false;
        }
        return attributes.entrySet().stream().allMatch(e -> e.getValue().accepts(other.attributes.get(e.getKey())));
    }

    @Override
    public String toString() {
        return "object" + attributes;
    }
}
