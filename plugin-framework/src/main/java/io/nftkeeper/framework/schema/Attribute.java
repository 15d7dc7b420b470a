package io.nftkeeper.framework.schema;

import io.nftkeeper.framework.types.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One attribute of a schema, built fluently: {@code Attribute.string("name").required().description("...")}.
 * Immutable: every method returns a changed copy.
 */
public final class Attribute {
    private final String name;
    private final Type type;
    private final boolean required;
    private final boolean optional;
    private final boolean computed;
    private final boolean sensitive;
    private final boolean deprecated;
    private final String description;
    private final List<Validator> validators;
    private final List<PlanModifier> planModifiers;

    private Attribute(String name, Type type, boolean required, boolean optional, boolean computed,
                      boolean sensitive, boolean deprecated, String description, List<Validator> validators,
                      List<PlanModifier> planModifiers) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.required = required;
        this.optional = optional;
        this.computed = computed;
        this.sensitive = sensitive;
        this.deprecated = deprecated;
        this.description = description;
        this.validators = List.copyOf(validators);
        this.planModifiers = List.copyOf(planModifiers);
    }

    public static Attribute of(String name, Type type) {
        return new Attribute(name, type, false, false, false, false, false, "", List.of(), List.of());
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

    public Attribute required() {
        return new Attribute(name, type, true, optional, computed, sensitive, deprecated, description, validators, planModifiers);
    }

    public Attribute optional() {
        return new Attribute(name, type, required, true, computed, sensitive, deprecated, description, validators, planModifiers);
    }

    public Attribute computed() {
        return new Attribute(name, type, required, optional, true, sensitive, deprecated, description, validators, planModifiers);
    }

    public Attribute sensitive() {
        return new Attribute(name, type, required, optional, computed, true, deprecated, description, validators, planModifiers);
    }

    public Attribute deprecated() {
        return new Attribute(name, type, required, optional, computed, sensitive, true, description, validators, planModifiers);
    }

    /** Markdown shown in docs and by language servers. */
    public Attribute description(String markdown) {
        return new Attribute(name, type, required, optional, computed, sensitive, deprecated,
                Objects.requireNonNull(markdown, "markdown"), validators, planModifiers);
    }

    public Attribute validators(Validator... more) {
        List<Validator> all = new ArrayList<>(validators);
        all.addAll(List.of(more));
        return new Attribute(name, type, required, optional, computed, sensitive, deprecated, description, all, planModifiers);
    }

    public Attribute planModifiers(PlanModifier... more) {
        List<PlanModifier> all = new ArrayList<>(planModifiers);
        all.addAll(List.of(more));
        return new Attribute(name, type, required, optional, computed, sensitive, deprecated, description, validators, all);
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

    public boolean isDeprecated() {
        return deprecated;
    }

    public String description() {
        return description;
    }

    public List<Validator> validators() {
        return validators;
    }

    public List<PlanModifier> planModifiers() {
        return planModifiers;
    }

    @Override
    public String toString() {
        return name + ": " + type.friendlyName();
    }
}
