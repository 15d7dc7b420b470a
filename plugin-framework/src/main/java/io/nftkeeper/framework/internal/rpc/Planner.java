package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.Block;
import io.nftkeeper.framework.schema.PlanModifier;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.schema.SemanticEquality;
import io.nftkeeper.framework.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The framework's part of planning, applied to every object of the schema: the resource itself, nested
 * attribute objects and blocks (list elements by index, map elements by key, single objects; set elements have
 * no identity to pair them with prior ones, so planning does not descend into sets). Per attribute, in order:
 * write-only values plan null; computed attributes the configuration leaves null take their default, or become
 * unknown when their object changed; semantic equality keeps the prior form; then the attribute's plan modifiers.
 */
final class Planner {
    private final boolean creating;
    private final List<Path> requiresReplace = new ArrayList<>();

    private Planner(boolean creating) {
        this.creating = creating;
    }

    record Result(Value plan, List<Path> requiresReplace) {}

    static Result plan(Schema schema, Value prior, Value proposed, Value config) {
        Planner planner = new Planner(prior.isNull());
        Value plan = planner.object(schema, prior, proposed, config, Path.empty());
        return new Result(plan, List.copyOf(planner.requiresReplace));
    }

    private Value object(Schema schema, Value prior, Value proposed, Value config, Path path) {
        if (!proposed.isKnown()) {
            return proposed;
        }
        Value plan = proposed;
        for (Attribute a : schema.attributes()) {
            if (a.isWriteOnly()) {
                plan = plan.with(a.name(), Value.nullOf(a.type()));
            }
        }
        // write-only values are never stored, so they alone are no change
        boolean changed = !plan.equals(prior);
        for (Attribute a : schema.attributes()) {
            Path at = path.atName(a.name());
            Value configured = child(config, a.name());
            Value before = child(prior, a.name());
            Value value = plan.get(a.name());
            if (a.isComputed() && configured.isNull()) {
                if (a.defaultValue() != null) {
                    value = a.defaultValue();
                } else if (changed) {
                    value = Value.unknown(a.type());
                }
            }
            if (a.isNested()) {
                value = nested(a.nesting(), a.nestedSchema(), before, value, configured, at);
            }
            value = keepEquivalentPrior(a.semanticEquality(), before, configured, value);
            value = modify(a, at, configured, before, value);
            plan = plan.with(a.name(), value);
        }
        for (Block b : schema.blocks()) {
            Attribute.Nesting nesting = switch (b.nesting()) {
                case SINGLE -> Attribute.Nesting.SINGLE;
                case LIST -> Attribute.Nesting.LIST;
                case SET -> Attribute.Nesting.SET;
            };
            plan = plan.with(
                    b.name(),
                    nested(
                            nesting,
                            b.content(),
                            child(prior, b.name()),
                            plan.get(b.name()),
                            child(config, b.name()),
                            path.atName(b.name())));
        }
        return plan;
    }

    private Value nested(Attribute.Nesting nesting, Schema schema, Value prior, Value value, Value config, Path path) {
        if (!value.isKnown()) {
            return value;
        }
        switch (nesting) {
            case SINGLE:
                return object(schema, prior, value, config, path);
            case LIST: {
                List<Value> elements = new ArrayList<>();
                List<Value> planned = value.asList();
                for (int i = 0; i < planned.size(); i++) {
                    elements.add(object(
                            schema,
                            element(prior, i, schema),
                            planned.get(i),
                            element(config, i, schema),
                            path.atIndex(i)));
                }
                return Value.list(schema.objectType(), elements);
            }
            case MAP: {
                Map<String, Value> elements = new TreeMap<>();
                value.asMap()
                        .forEach((key, element) -> elements.put(
                                key,
                                object(
                                        schema,
                                        entry(prior, key, schema),
                                        element,
                                        entry(config, key, schema),
                                        path.atKey(key))));
                return Value.map(schema.objectType(), elements);
            }
            default:
                return value;
        }
    }

    /** Terraform accepts a planned value equal to the prior one in place of an equivalent configured one. */
    private Value keepEquivalentPrior(SemanticEquality equality, Value prior, Value configured, Value value) {
        if (equality == null
                || creating
                || prior.isNull()
                || !prior.isWhollyKnown()
                || configured.isNull()
                || !configured.isWhollyKnown()
                || !value.equals(configured)
                || configured.equals(prior)) {
            return value;
        }
        return equality.equivalent(prior, configured) ? prior : value;
    }

    private Value modify(Attribute a, Path path, Value config, Value prior, Value value) {
        if (a.planModifiers().isEmpty()) {
            return value;
        }
        PlanModifier.Request request = new PlanModifier.Request(path, config, prior, value, creating);
        PlanModifier.Response response = new PlanModifier.Response(value);
        for (PlanModifier modifier : a.planModifiers()) {
            modifier.modifyPlan(request, response);
        }
        if (response.requiresReplace()) {
            requiresReplace.add(path);
        }
        return response.plan();
    }

    private static Value child(Value object, String name) {
        return object.get(name);
    }

    private static Value element(Value list, int index, Schema schema) {
        if (list.isKnown() && index < list.asList().size()) {
            return list.asList().get(index);
        }
        return list.isUnknown() ? Value.unknown(schema.objectType()) : Value.nullOf(schema.objectType());
    }

    private static Value entry(Value map, String key, Schema schema) {
        if (map.isKnown() && map.asMap().containsKey(key)) {
            return map.asMap().get(key);
        }
        return map.isUnknown() ? Value.unknown(schema.objectType()) : Value.nullOf(schema.objectType());
    }
}
