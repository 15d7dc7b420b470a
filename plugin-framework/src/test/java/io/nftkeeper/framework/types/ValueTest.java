package io.nftkeeper.framework.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.framework.path.Path;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTest {
    static final ObjectType RULE = Type.object(Map.of("expr", Type.STRING));
    static final ObjectType TABLE =
            Type.object(Map.of("family", Type.STRING, "id", Type.STRING, "rule", Type.list(RULE)));

    @Test
    void objectBuilderLeavesUnsetAttributesNull() {
        Value table = Value.objectBuilder(TABLE).set("family", "inet").build();
        assertThat(table.get("family").asString()).isEqualTo("inet");
        assertThat(table.attr("id").isNull()).isTrue();
        assertThat(table.with("id", "x").get("id").asString()).isEqualTo("x");
    }

    @Test
    void numbersAreEqualRegardlessOfScale() {
        assertThat(Value.number(new BigDecimal("1.50"))).isEqualTo(Value.number(new BigDecimal("1.5")));
        assertThat(Value.number(new BigDecimal("100"))).isEqualTo(Value.number(100));
    }

    @Test
    void setsAreEqualRegardlessOfOrder() {
        assertThat(Value.set(Type.STRING, List.of(Value.string("a"), Value.string("b"))))
                .isEqualTo(Value.set(Type.STRING, List.of(Value.string("b"), Value.string("a"))));
    }

    @Test
    void readingAnUnknownValueIsAnErrorButNullReadsAsJavaNull() {
        assertThat(Value.nullOf(Type.STRING).asString()).isNull();
        assertThatThrownBy(() -> Value.unknown(Type.STRING).asString()).hasMessageContaining("unknown");
    }

    @Test
    void pathsNavigateIntoNestedValues() {
        Value table = Value.objectBuilder(TABLE)
                .set(
                        "rule",
                        Value.list(
                                RULE,
                                List.of(Value.objectBuilder(RULE)
                                        .set("expr", "accept")
                                        .build())))
                .build();
        assertThat(table.at(Path.root("rule").atIndex(0).atName("expr"))).isEqualTo(Value.string("accept"));
        assertThat(table.at(Path.root("rule").atIndex(3))).isNull();
        assertThat(Path.root("rule").atIndex(0).atName("expr").toString()).isEqualTo("rule[0].expr");
    }

    @Test
    void wholeKnownnessLooksInside() {
        Value list = Value.list(Type.STRING, List.of(Value.unknown(Type.STRING)));
        assertThat(list.isKnown()).isTrue();
        assertThat(list.isWhollyKnown()).isFalse();
    }

    @Test
    void valuesOfTheWrongTypeAreRejected() {
        assertThatThrownBy(() -> Value.objectBuilder(TABLE).set("family", Value.number(1)))
                .hasMessageContaining("attribute \"family\" must be string");
    }
}
