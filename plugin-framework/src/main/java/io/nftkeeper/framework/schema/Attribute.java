package io.nftkeeper.framework.schema;

import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One attribute of a schema, built fluently: {@code Attribute.string("name").required().description("...")}.
 * Immutable: every method returns a changed copy.
 *
 * <p>Nested attributes ({@link #singleNested}, {@link #listNested}, {@link #setNested}, {@link #mapNested}) hold
 * objects whose attributes a {@link Schema} describes; Terraform shows them as {@code attr = { ... }} in HCL.
 */
public final class Attribute {

    /** How a nested attribute holds its objects. */
    public enum Nesting {
        SINGLE,
        LIST,
        SET,
        MAP
    }

    private final String name;
    private final Type type;
    private Nesting nesting;
    private Schema nested;
    private boolean required;
    private boolean optional;
    private boolean computed;
    private boolean sensitive;
    private boolean writeOnly;
    private boolean deprecated;
    private String deprecationMessage = "";
    private String description = "";
    private DescriptionKind descriptionKind = DescriptionKind.MARKDOWN;
    private Value defaultValue;
    private SemanticEquality semanticEquality;
    private List<Validator> validators = List.of();
    private List<PlanModifier> planModifiers = List.of();

    private Attribute(String name, Type type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    public static Attribute of(String name, Type type) {
        return new Attribute(name, type);
    }

    public static Attribute string(String name) {
        return of(name, Type.STRING);
    }

    public static Attribute number(String name) {
        return of(name, Type.NUMBER);
    }

    public static Attribute bool(String name) {
        return of(name, Type.BOOL);
    }

    public static Attribute list(String name, Type element) {
        return of(name, Type.list(element));
    }

    public static Attribute set(String name, Type element) {
        return of(name, Type.set(element));
    }

    public static Attribute map(String name, Type element) {
        return of(name, Type.map(element));
    }

    /** One nested object: {@code name = { a = 1 }}; its value is an object (null when not set). */
    public static Attribute singleNested(String name, Schema content) {
        return nested(name, Nesting.SINGLE, content, content.objectType());
    }

    /** A list of nested objects: {@code name = [{ a = 1 }, { a = 2 }]}. */
    public static Attribute listNested(String name, Schema content) {
        return nested(name, Nesting.LIST, content, Type.list(content.objectType()));
    }

    /** A set of nested objects, unordered and without duplicates. */
    public static Attribute setNested(String name, Schema content) {
        return nested(name, Nesting.SET, content, Type.set(content.objectType()));
    }

    /** A map of nested objects by key: {@code name = { web = { a = 1 } }}. */
    public static Attribute mapNested(String name, Schema content) {
        return nested(name, Nesting.MAP, content, Type.map(content.objectType()));
    }

    private static Attribute nested(String name, Nesting nesting, Schema content, Type type) {
        if (!content.blocks().isEmpty()) {
            throw new IllegalArgumentException("nested attribute \"" + name + "\" cannot contain blocks");
        }
        Attribute a = new Attribute(name, type);
        a.nesting = nesting;
        a.nested = content;
        return a;
    }

    public Attribute required() {
        Attribute a = copy();
        a.required = true;
        return a;
    }

    public Attribute optional() {
        Attribute a = copy();
        a.optional = true;
        return a;
    }

    public Attribute computed() {
        Attribute a = copy();
        a.computed = true;
        return a;
    }

    public Attribute sensitive() {
        Attribute a = copy();
        a.sensitive = true;
        return a;
    }

    /**
     * Terraform never stores the value (e.g. a password only sent on create); the framework plans and
     * stores null for it. Needs Terraform 1.11 or newer.
     */
    public Attribute writeOnly() {
        Attribute a = copy();
        a.writeOnly = true;
        return a;
    }

    public Attribute deprecated() {
        Attribute a = copy();
        a.deprecated = true;
        return a;
    }

    /** Deprecated, with a warning shown when a configuration sets it, e.g. "Use `mode` instead.". */
    public Attribute deprecated(String message) {
        Attribute a = deprecated();
        a.deprecationMessage = Objects.requireNonNull(message, "message");
        return a;
    }

    /** Markdown shown in docs and by language servers. */
    public Attribute description(String markdown) {
        return description(markdown, DescriptionKind.MARKDOWN);
    }

    /** A description without markup. */
    public Attribute plainDescription(String text) {
        return description(text, DescriptionKind.PLAIN);
    }

    public Attribute description(String text, DescriptionKind kind) {
        Attribute a = copy();
        a.description = Objects.requireNonNull(text, "text");
        a.descriptionKind = Objects.requireNonNull(kind, "kind");
        return a;
    }

    /**
     * The value planned when the configuration leaves the attribute null. Only for optional + computed attributes:
     * Terraform accepts a provider-chosen value only where the attribute is computed.
     */
    public Attribute defaultValue(Value value) {
        if (!type.accepts(value.type()) || !value.isWhollyKnown()) {
            throw new IllegalArgumentException(
                    "default of \"" + name + "\" must be a known " + type.friendlyName() + ", got " + value);
        }
        Attribute a = copy();
        a.defaultValue = value;
        return a;
    }

    /** See {@link SemanticEquality}. */
    public Attribute semanticEquality(SemanticEquality equality) {
        Attribute a = copy();
        a.semanticEquality = Objects.requireNonNull(equality, "equality");
        return a;
    }

    public Attribute validators(Validator... more) {
        Attribute a = copy();
        List<Validator> all = new ArrayList<>(validators);
        all.addAll(List.of(more));
        a.validators = List.copyOf(all);
        return a;
    }

    public Attribute planModifiers(PlanModifier... more) {
        Attribute a = copy();
        List<PlanModifier> all = new ArrayList<>(planModifiers);
        all.addAll(List.of(more));
        a.planModifiers = List.copyOf(all);
        return a;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isOptional() {
        return optional;
    }

    public boolean isComputed() {
        return computed;
    }

    public boolean isSensitive() {
        return sensitive;
    }

    public boolean isWriteOnly() {
        return writeOnly;
    }

    public boolean isDeprecated() {
        return deprecated;
    }

    public String deprecationMessage() {
        return deprecationMessage;
    }

    public String description() {
        return description;
    }

    public DescriptionKind descriptionKind() {
        return descriptionKind;
    }

    /** Whether this is a nested attribute; then {@link #nesting()} and {@link #nestedSchema()} describe it. */
    public boolean isNested() {
        return nested != null;
    }

    public Nesting nesting() {
        return nesting;
    }

    public Schema nestedSchema() {
        return nested;
    }

    public Value defaultValue() {
        return defaultValue;
    }

    public SemanticEquality semanticEquality() {
        return semanticEquality;
    }

    public List<Validator> validators() {
        return validators;
    }

    public List<PlanModifier> planModifiers() {
        return planModifiers;
    }

    private Attribute copy() {
        Attribute a = new Attribute(name, type);
        a.nesting = nesting;
        a.nested = nested;
        a.required = required;
        a.optional = optional;
        a.computed = computed;
        a.sensitive = sensitive;
        a.writeOnly = writeOnly;
        a.deprecated = deprecated;
        a.deprecationMessage = deprecationMessage;
        a.description = description;
        a.descriptionKind = descriptionKind;
        a.defaultValue = defaultValue;
        a.semanticEquality = semanticEquality;
        a.validators = validators;
        a.planModifiers = planModifiers;
        return a;
    }

    @Override
    public String toString() {
        return name + ": " + type.friendlyName();
    }
}
