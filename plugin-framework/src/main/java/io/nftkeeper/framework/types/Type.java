package io.nftkeeper.framework.types;

import java.util.List;
import java.util.Map;

/**
 * A Terraform (cty) type. Terraform describes every value on the wire by one of these; schemas declare them.
 */
public sealed interface Type
        permits StringType, NumberType, BoolType, ListType, SetType, MapType, ObjectType, TupleType, DynamicType {

    StringType STRING = new StringType();
    NumberType NUMBER = new NumberType();
    BoolType BOOL = new BoolType();
    /** "Any type, decided at runtime"; a known value at a dynamic position carries its concrete type. */
    DynamicType DYNAMIC = new DynamicType();

    static ListType list(Type element) {
        return new ListType(element);
    }

    static SetType set(Type element) {
        return new SetType(element);
    }

    static MapType map(Type element) {
        return new MapType(element);
    }

    static ObjectType object(Map<String, Type> attributes) {
        return new ObjectType(attributes);
    }

    static TupleType tuple(List<Type> elements) {
        return new TupleType(elements);
    }

    /** The type as Terraform writes it in messages, e.g. {@code list of string}. */
    String friendlyName();

    /** Whether a value of type {@code actual} may stand where this type is expected. */
    default boolean accepts(Type actual) {
        return equals(actual);
    }
}
