package io.nftkeeper.framework.types;

import io.nftkeeper.framework.path.Path;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An immutable Terraform value: null, unknown (decided only at apply) or known, always with its {@link Type}.
 *
 * <p>Accessors such as {@link #asString()} return Java {@code null} for a null value and throw
 * {@link IllegalStateException} for an unknown one, so resource code reads values it knows are set.
 */
public final class Value {

    private enum State {
        NULL,
        UNKNOWN,
        KNOWN
    }

    private final Type type;
    private final State state;
    /** String, BigDecimal, Boolean, List&lt;Value&gt;, Set&lt;Value&gt; or Map&lt;String, Value&gt;. */
    private final Object content;

    private Value(Type type, State state, Object content) {
        this.type = Objects.requireNonNull(type, "type");
        this.state = state;
        this.content = content;
    }

    // ---- factories ----

    public static Value nullOf(Type type) {
        return new Value(type, State.NULL, null);
    }

    public static Value unknown(Type type) {
        return new Value(type, State.UNKNOWN, null);
    }

    /** A known string, or a null string when {@code s} is null. */
    public static Value string(String s) {
        return s == null ? nullOf(Type.STRING) : new Value(Type.STRING, State.KNOWN, s);
    }

    /** A known number, or a null number when {@code n} is null. */
    public static Value number(BigDecimal n) {
        return n == null ? nullOf(Type.NUMBER) : new Value(Type.NUMBER, State.KNOWN, normalize(n));
    }

    public static Value number(long n) {
        return number(BigDecimal.valueOf(n));
    }

    /** A known bool, or a null bool when {@code b} is null. */
    public static Value bool(Boolean b) {
        return b == null ? nullOf(Type.BOOL) : new Value(Type.BOOL, State.KNOWN, b);
    }

    public static Value list(Type elementType, List<Value> elements) {
        ListType type = Type.list(elementType);
        checkElements(elementType, elements, type);
        return new Value(type, State.KNOWN, List.copyOf(elements));
    }

    /** A set; duplicate elements collapse as in Terraform. */
    public static Value set(Type elementType, Collection<Value> elements) {
        SetType type = Type.set(elementType);
        checkElements(elementType, elements, type);
        return new Value(type, State.KNOWN, Collections.unmodifiableSet(new LinkedHashSet<>(elements)));
    }

    public static Value map(Type elementType, Map<String, Value> elements) {
        MapType type = Type.map(elementType);
        checkElements(elementType, elements.values(), type);
        return new Value(type, State.KNOWN, Collections.unmodifiableMap(new TreeMap<>(elements)));
    }

    /** An object with exactly the attributes of {@code type}; see {@link #objectBuilder} to default to nulls. */
    public static Value object(ObjectType type, Map<String, Value> attributes) {
        if (!attributes.keySet().equals(type.attributes().keySet())) {
            throw new IllegalArgumentException("object attributes " + new TreeMap<>(attributes).keySet()
                    + " do not match the type's attributes " + type.attributes().keySet());
        }
        attributes.forEach(
                (name, value) -> checkConforms(type.attributeType(name), value, "attribute \"" + name + "\""));
        return new Value(type, State.KNOWN, Collections.unmodifiableMap(new TreeMap<>(attributes)));
    }

    public static Value tuple(TupleType type, List<Value> elements) {
        if (elements.size() != type.elements().size()) {
            throw new IllegalArgumentException(
                    "tuple of " + type.elements().size() + " elements got " + elements.size());
        }
        for (int i = 0; i < elements.size(); i++) {
            checkConforms(type.elements().get(i), elements.get(i), "tuple element " + i);
        }
        return new Value(type, State.KNOWN, List.copyOf(elements));
    }

    public static ObjectBuilder objectBuilder(ObjectType type) {
        return new ObjectBuilder(type);
    }

    /** Builds an object value; attributes never set are null. */
    public static final class ObjectBuilder {
        private final ObjectType type;
        private final Map<String, Value> attributes = new TreeMap<>();

        private ObjectBuilder(ObjectType type) {
            this.type = type;
        }

        public ObjectBuilder set(String name, Value value) {
            checkConforms(
                    type.attributeType(name), Objects.requireNonNull(value, "value"), "attribute \"" + name + "\"");
            attributes.put(name, value);
            return this;
        }

        public ObjectBuilder set(String name, String value) {
            return set(name, string(value));
        }

        public ObjectBuilder set(String name, Long value) {
            return set(name, value == null ? nullOf(Type.NUMBER) : number(value));
        }

        public ObjectBuilder set(String name, Boolean value) {
            return set(name, bool(value));
        }

        public Value build() {
            Map<String, Value> all = new TreeMap<>();
            type.attributes().forEach((name, t) -> all.put(name, attributes.getOrDefault(name, nullOf(t))));
            return new Value(type, State.KNOWN, Collections.unmodifiableMap(all));
        }
    }

    // ---- state ----

    public Type type() {
        return type;
    }

    public boolean isNull() {
        return state == State.NULL;
    }

    public boolean isUnknown() {
        return state == State.UNKNOWN;
    }

    public boolean isKnown() {
        return state == State.KNOWN;
    }

    /** Known, and so is everything inside it. */
    public boolean isWhollyKnown() {
        if (state == State.UNKNOWN) {
            return false;
        }
        return children().stream().allMatch(Value::isWhollyKnown);
    }

    // ---- reading ----

    /** The attribute {@code name} of an object; null or unknown when this object is null or unknown. */
    public Value get(String name) {
        if (!(type instanceof ObjectType objectType)) {
            throw new IllegalStateException("cannot read attribute \"" + name + "\" of a " + type.friendlyName());
        }
        Type attributeType = objectType.attributeType(name);
        return switch (state) {
            case NULL -> nullOf(attributeType);
            case UNKNOWN -> unknown(attributeType);
            case KNOWN -> objectContent().get(name);
        };
    }

    /** Same as {@link #get(String)}. */
    public Value attr(String name) {
        return get(name);
    }

    public String asString() {
        return (String) contentOf(StringType.class);
    }

    public BigDecimal asNumber() {
        return (BigDecimal) contentOf(NumberType.class);
    }

    /** The number as a long; throws ArithmeticException when it has a fraction or does not fit. */
    public Long asLong() {
        BigDecimal n = asNumber();
        return n == null ? null : n.longValueExact();
    }

    public Integer asInt() {
        BigDecimal n = asNumber();
        return n == null ? null : n.intValueExact();
    }

    public BigInteger asBigInteger() {
        BigDecimal n = asNumber();
        return n == null ? null : n.toBigIntegerExact();
    }

    public Boolean asBool() {
        return (Boolean) contentOf(BoolType.class);
    }

    /** Elements of a list or tuple. */
    @SuppressWarnings("unchecked")
    public List<Value> asList() {
        if (type instanceof TupleType) {
            return (List<Value>) contentOf(TupleType.class);
        }
        return (List<Value>) contentOf(ListType.class);
    }

    @SuppressWarnings("unchecked")
    public Set<Value> asSet() {
        return (Set<Value>) contentOf(SetType.class);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Value> asMap() {
        return (Map<String, Value>) contentOf(MapType.class);
    }

    /** Attributes of an object, in name order. */
    @SuppressWarnings("unchecked")
    public Map<String, Value> attributes() {
        return (Map<String, Value>) contentOf(ObjectType.class);
    }

    /** The value at {@code path}; null when a step goes through a null value or a missing element. */
    public Value at(Path path) {
        Value current = this;
        for (Path.Step step : path.steps()) {
            if (current.isUnknown()) {
                return current;
            }
            current = current.step(step);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    // ---- changing ----

    /** A copy of this object with attribute {@code name} replaced. */
    public Value with(String name, Value value) {
        Map<String, Value> copy = new TreeMap<>(attributes());
        checkConforms(((ObjectType) type).attributeType(name), value, "attribute \"" + name + "\"");
        copy.put(name, value);
        return new Value(type, State.KNOWN, Collections.unmodifiableMap(copy));
    }

    /** A copy of this object with attribute {@code name} replaced by a string (null when {@code s} is null). */
    public Value with(String name, String s) {
        return with(name, string(s));
    }

    // ---- internals ----

    private Value step(Path.Step step) {
        if (isNull()) {
            return null;
        }
        if (step instanceof Path.AttributeName a && type instanceof ObjectType) {
            return attributes().get(a.name());
        }
        if (step instanceof Path.ElementKey k && type instanceof MapType) {
            return asMap().get(k.key());
        }
        if (step instanceof Path.ElementIndex i && (type instanceof ListType || type instanceof TupleType)) {
            List<Value> elements = asList();
            return i.index() < elements.size() ? elements.get((int) i.index()) : null;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private Collection<Value> children() {
        if (state != State.KNOWN) {
            return List.of();
        }
        if (content instanceof Collection<?> c) {
            return (Collection<Value>) c;
        }
        if (content instanceof Map<?, ?> m) {
            return (Collection<Value>) m.values();
        }
        return List.of();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Value> objectContent() {
        return (Map<String, Value>) content;
    }

    private Object contentOf(Class<? extends Type> expected) {
        if (!expected.isInstance(type)) {
            throw new IllegalStateException("value is a " + type.friendlyName() + ", not a "
                    + expected.getSimpleName().replace("Type", "").toLowerCase());
        }
        if (state == State.UNKNOWN) {
            throw new IllegalStateException("value of type " + type.friendlyName() + " is unknown until apply");
        }
        return content;
    }

    private static BigDecimal normalize(BigDecimal n) {
        return n.signum() == 0 ? BigDecimal.ZERO : n.stripTrailingZeros();
    }

    private static void checkElements(Type elementType, Collection<Value> elements, Type collectionType) {
        for (Value element : elements) {
            checkConforms(
                    elementType,
                    Objects.requireNonNull(element, "element"),
                    collectionType.friendlyName() + " element");
        }
    }

    private static void checkConforms(Type expected, Value value, String what) {
        boolean ok = expected.accepts(value.type) || (!value.isKnown() && value.type instanceof DynamicType);
        if (!ok) {
            throw new IllegalArgumentException(
                    what + " must be " + expected.friendlyName() + ", got " + value.type.friendlyName());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Value other
                && state == other.state
                && type.equals(other.type)
                && Objects.equals(content, other.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, state, content);
    }

    /** A compact rendering for logs and test failures, e.g. {@code {id="x", port=22, tags=null}}. */
    @Override
    public String toString() {
        return switch (state) {
            case NULL -> "null";
            case UNKNOWN -> "(unknown)";
            case KNOWN -> render();
        };
    }

    private String render() {
        if (content instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (content instanceof BigDecimal n) {
            return n.toPlainString();
        }
        if (content instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
        }
        if (content instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, v) -> parts.add((type instanceof MapType ? "\"" + k + "\"" : k) + "=" + v));
            return String.join(", ", parts).transform(s -> "{" + s + "}");
        }
        return String.valueOf(content);
    }
}
