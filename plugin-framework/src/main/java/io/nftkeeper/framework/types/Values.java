package io.nftkeeper.framework.types;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.framework.internal.codec.CodecException;
import io.nftkeeper.framework.internal.codec.JsonCodec;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps object values to records and back, so resources work with a plain state model.
 * A component {@code fooBar} maps to attribute {@code foo_bar}. Null and unknown values become Java null.
 * Supported component types: String, Long, Integer, BigDecimal, BigInteger, Boolean, List, Set, Map (string keys),
 * nested records, and {@link Value} itself (passed through untouched).
 */
public final class Values {
    private Values() {}

    /**
     * A value of {@code type} from Terraform's JSON form of state, e.g. the raw JSON a {@code StateUpgrader} gets.
     * Object attributes the type lacks are ignored and missing ones are null; numbers keep every digit.
     * Throws IllegalArgumentException when the JSON does not fit the type.
     */
    public static Value fromJson(JsonNode json, Type type) {
        try {
            return JsonCodec.decode(json, type);
        } catch (CodecException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The record for an object value; null when the value is null or unknown. */
    public static <R extends Record> R toRecord(Value value, Class<R> recordClass) {
        return recordClass.cast(toJava(value, recordClass, recordClass));
    }

    /** The object value of {@code type} for a record; attributes without a matching component are null. */
    public static Value fromRecord(ObjectType type, Object record) {
        return fromJava(record, type, "record");
    }

    private static Object toJava(Value value, Class<?> raw, java.lang.reflect.Type generic) {
        if (raw == Value.class) {
            return value;
        }
        if (value.isNull() || value.isUnknown()) {
            return null;
        }
        if (raw == String.class) {
            return value.asString();
        }
        if (raw == Long.class || raw == long.class) {
            return value.asLong();
        }
        if (raw == Integer.class || raw == int.class) {
            return value.asInt();
        }
        if (raw == BigDecimal.class) {
            return value.asNumber();
        }
        if (raw == BigInteger.class) {
            return value.asBigInteger();
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return value.asBool();
        }
        if (raw == List.class || raw == Set.class) {
            java.lang.reflect.Type elementType = typeArgument(generic, 0);
            Collection<Value> elements = value.type() instanceof SetType ? value.asSet() : value.asList();
            Collection<Object> out = raw == List.class ? new ArrayList<>() : new LinkedHashSet<>();
            for (Value element : elements) {
                out.add(toJava(element, rawClass(elementType), elementType));
            }
            return raw == List.class ? List.copyOf(out) : Set.copyOf(out);
        }
        if (raw == Map.class) {
            java.lang.reflect.Type elementType = typeArgument(generic, 1);
            Map<String, Object> out = new LinkedHashMap<>();
            Map<String, Value> elements = value.type() instanceof ObjectType ? value.attributes() : value.asMap();
            elements.forEach((k, v) -> out.put(k, toJava(v, rawClass(elementType), elementType)));
            return out;
        }
        if (raw.isRecord()) {
            return toNewRecord(value, raw);
        }
        throw new IllegalArgumentException("cannot map a " + value.type().friendlyName() + " to " + raw.getName());
    }

    private static Object toNewRecord(Value value, Class<?> recordClass) {
        RecordComponent[] components = recordClass.getRecordComponents();
        Object[] arguments = new Object[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        ObjectType type = (ObjectType) value.type();
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            parameterTypes[i] = c.getType();
            String attribute = snakeCase(c.getName());
            if (!type.hasAttribute(attribute)) {
                throw new IllegalArgumentException(
                        recordClass.getSimpleName() + "." + c.getName() + " has no attribute \"" + attribute + "\" in "
                                + type.attributes().keySet());
            }
            arguments[i] = toJava(value.get(attribute), c.getType(), c.getGenericType());
            if (arguments[i] == null && c.getType().isPrimitive()) {
                throw new IllegalArgumentException(recordClass.getSimpleName() + "." + c.getName()
                        + " is primitive but attribute \"" + attribute + "\" is null or unknown; use a boxed type");
            }
        }
        try {
            Constructor<?> constructor = recordClass.getDeclaredConstructor(parameterTypes);
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + recordClass.getName(), e);
        }
    }

    private static Value fromJava(Object java, Type type, String where) {
        if (java instanceof Value v) {
            return v;
        }
        if (java == null) {
            return Value.nullOf(type);
        }
        if (type instanceof StringType) {
            return Value.string(java.toString());
        }
        if (type instanceof NumberType) {
            if (java instanceof BigDecimal d) {
                return Value.number(d);
            }
            if (java instanceof BigInteger i) {
                return Value.number(new BigDecimal(i));
            }
            if (java instanceof Long || java instanceof Integer || java instanceof Short || java instanceof Byte) {
                return Value.number(((Number) java).longValue());
            }
        }
        if (type instanceof BoolType && java instanceof Boolean b) {
            return Value.bool(b);
        }
        if (type instanceof ListType t && java instanceof Collection<?> c) {
            return Value.list(t.element(), elements(c, t.element(), where));
        }
        if (type instanceof SetType t && java instanceof Collection<?> c) {
            return Value.set(t.element(), elements(c, t.element(), where));
        }
        if (type instanceof MapType t && java instanceof Map<?, ?> m) {
            Map<String, Value> elements = new TreeMap<>();
            m.forEach((k, v) -> elements.put(String.valueOf(k), fromJava(v, t.element(), where + "[\"" + k + "\"]")));
            return Value.map(t.element(), elements);
        }
        if (type instanceof ObjectType t && java instanceof Record r) {
            return fromRecordComponents(r, t);
        }
        if (type instanceof DynamicType) {
            throw new IllegalArgumentException(where + ": a dynamic attribute needs a Value, got "
                    + java.getClass().getName());
        }
        throw new IllegalArgumentException(
                where + ": cannot map " + java.getClass().getName() + " to " + type.friendlyName());
    }

    private static Value fromRecordComponents(Record record, ObjectType type) {
        Map<String, Object> byAttribute = new TreeMap<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            String attribute = snakeCase(c.getName());
            if (!type.hasAttribute(attribute)) {
                throw new IllegalArgumentException(
                        record.getClass().getSimpleName() + "." + c.getName() + " has no attribute \"" + attribute
                                + "\" in " + type.attributes().keySet());
            }
            try {
                c.getAccessor().setAccessible(true);
                byAttribute.put(attribute, c.getAccessor().invoke(record));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c, e);
            }
        }
        Value.ObjectBuilder builder = Value.objectBuilder(type);
        type.attributes()
                .forEach((name, attributeType) -> builder.set(
                        name,
                        fromJava(
                                byAttribute.get(name),
                                attributeType,
                                record.getClass().getSimpleName() + "." + name)));
        return builder.build();
    }

    private static List<Value> elements(Collection<?> c, Type element, String where) {
        List<Value> out = new ArrayList<>();
        int i = 0;
        for (Object o : c) {
            out.add(fromJava(o, element, where + "[" + i++ + "]"));
        }
        return out;
    }

    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                out.append('_').append(Character.toLowerCase(ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static java.lang.reflect.Type typeArgument(java.lang.reflect.Type generic, int index) {
        if (generic instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        throw new IllegalArgumentException("collection component " + generic + " needs a type argument");
    }

    private static Class<?> rawClass(java.lang.reflect.Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("unsupported component type " + type);
    }
}
