package io.nftkeeper.framework.internal.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.PlanModifiers;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.ObjectType;
import io.nftkeeper.framework.types.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The framework's plan rules, at the top level and inside nested attributes. */
class PlannerTest {
    private static final Schema RULE = Schema.builder()
            .attribute(Attribute.number("port").required().planModifiers(PlanModifiers.requiresReplace()))
            .attribute(Attribute.string("proto").optional().computed().defaultValue(Value.string("tcp")))
            .attribute(Attribute.string("handle").computed())
            .build();
    private static final Schema SCHEMA = Schema.builder()
            .attribute(Attribute.string("cidr")
                    .required()
                    .semanticEquality((a, b) -> a.asString()
                            .replace("/08", "/8")
                            .equals(b.asString().replace("/08", "/8"))))
            .attribute(Attribute.string("secret").optional().writeOnly())
            .attribute(Attribute.listNested("rules", RULE).optional())
            .attribute(Attribute.mapNested("named", RULE).optional())
            .attribute(Attribute.string("id").computed().planModifiers(PlanModifiers.useStateForUnknown()))
            .build();
    private static final ObjectType TYPE = SCHEMA.objectType();
    private static final ObjectType RULE_TYPE = RULE.objectType();

    private static Value rule(long port, String proto, String handle) {
        return Value.objectBuilder(RULE_TYPE)
                .set("port", port)
                .set("proto", proto)
                .set("handle", handle)
                .build();
    }

    private static Value resource(String cidr, List<Value> rules, String id) {
        return Value.objectBuilder(TYPE)
                .set("cidr", cidr)
                .set("rules", Value.list(RULE_TYPE, rules))
                .set("id", id)
                .build();
    }

    @Test
    void defaultsFillOptionalComputedAttributesInsideNestedObjectsAndComputedOnesBecomeUnknown() {
        Value config = resource("10.0.0.0/8", List.of(rule(80, null, null)), null);
        Planner.Result result = Planner.plan(SCHEMA, Value.nullOf(TYPE), config, config);
        Value planned = result.plan().get("rules").asList().get(0);
        assertThat(planned.get("proto")).isEqualTo(Value.string("tcp"));
        assertThat(planned.get("handle").isUnknown()).isTrue();
        assertThat(result.plan().get("id").isUnknown()).isTrue();
        assertThat(result.requiresReplace()).as("nothing to replace on create").isEmpty();
    }

    @Test
    void changingARequiresReplaceAttributeInsideAListElementReplacesAtItsPath() {
        Value prior = resource("10.0.0.0/8", List.of(rule(80, "tcp", "h1")), "r1");
        Value config = resource("10.0.0.0/8", List.of(rule(8080, null, null)), null);
        Value proposed = resource("10.0.0.0/8", List.of(rule(8080, "tcp", "h1")), "r1");
        Planner.Result result = Planner.plan(SCHEMA, prior, proposed, config);
        assertThat(result.requiresReplace())
                .containsExactly(Path.root("rules").atIndex(0).atName("port"));
        assertThat(result.plan().get("id")).isEqualTo(Value.string("r1"));
    }

    @Test
    void anUnchangedResourcePlansItsPriorStateExactly() {
        Value prior = resource("10.0.0.0/8", List.of(rule(80, "tcp", "h1")), "r1");
        Value config = resource("10.0.0.0/8", List.of(rule(80, null, null)), null);
        Planner.Result result = Planner.plan(SCHEMA, prior, prior, config);
        assertThat(result.plan()).isEqualTo(prior);
        assertThat(result.requiresReplace()).isEmpty();
    }

    @Test
    void semanticEqualityKeepsThePriorFormAndWriteOnlyValuesPlanNull() {
        Value prior = resource("10.0.0.0/8", List.of(), "r1");
        Value config = resource("10.0.0.0/08", List.of(), null).with("secret", "pw");
        Value proposed = config.with("id", "r1");
        Planner.Result result = Planner.plan(SCHEMA, prior, proposed, config);
        assertThat(result.plan()).isEqualTo(prior);
    }

    @Test
    void mapElementsPairWithPriorElementsByKey() {
        Value prior = Value.objectBuilder(TYPE)
                .set("cidr", "c")
                .set("id", "r1")
                .set("named", Value.map(RULE_TYPE, Map.of("web", rule(80, "tcp", "h1"))))
                .build();
        Value config = prior.with("id", (String) null)
                .with("named", Value.map(RULE_TYPE, Map.of("web", rule(81, null, null))));
        Value proposed = prior.with("named", Value.map(RULE_TYPE, Map.of("web", rule(81, "tcp", "h1"))));
        assertThat(Planner.plan(SCHEMA, prior, proposed, config).requiresReplace())
                .containsExactly(Path.root("named").atKey("web").atName("port"));
    }
}
