package io.nftkeeper.framework.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.framework.types.ObjectType;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
    private static final ObjectType TYPE = Type.object(
            Map.of("name", Type.STRING, "port", Type.NUMBER, "tags", Type.set(Type.STRING), "added_later", Type.BOOL));

    private static Value decode(String json, Type type) {
        return JsonCodec.decode(json.getBytes(StandardCharsets.UTF_8), type);
    }

    @Test
    void storedStateDecodesWithTheCurrentSchemaDroppingRemovedAttributesAndNullingNewOnes() {
        Value state = decode("{\"name\":\"web\",\"port\":22,\"tags\":[\"a\"],\"removed_since\":\"x\"}", TYPE);
        assertThat(state)
                .isEqualTo(Value.objectBuilder(TYPE)
                        .set("name", "web")
                        .set("port", 22L)
                        .set("tags", Value.set(Type.STRING, List.of(Value.string("a"))))
                        .build());
        assertThat(state.get("added_later").isNull()).isTrue();
    }

    @Test
    void numbersKeepEveryDigit() {
        assertThat(decode("0.10000000000000000000000001", Type.NUMBER).asNumber())
                .isEqualByComparingTo(new BigDecimal("0.10000000000000000000000001"));
        assertThat(decode("123456789012345678901234567890", Type.NUMBER).asBigInteger())
                .isEqualTo("123456789012345678901234567890");
    }

    @Test
    void dynamicValuesCarryTheirType() {
        assertThat(decode("{\"type\":[\"list\",\"string\"],\"value\":[\"a\"]}", Type.DYNAMIC))
                .isEqualTo(Value.list(Type.STRING, List.of(Value.string("a"))));
    }

    @Test
    void nullIsNull() {
        assertThat(decode("null", TYPE)).isEqualTo(Value.nullOf(TYPE));
    }

    @Test
    void collectionsTuplesAndMapsDecodeByTheirType() {
        Type type = Type.object(Map.of("t", Type.tuple(List.of(Type.STRING, Type.BOOL)), "m", Type.map(Type.NUMBER)));
        Value value = decode("{\"t\":[\"a\",true],\"m\":{\"k\":\"1.5\"}}", type);
        assertThat(value.get("t").asList()).containsExactly(Value.string("a"), Value.bool(true));
        assertThat(value.get("m").asMap().get("k").asNumber()).isEqualByComparingTo("1.5");
    }

    @Test
    void aValueOfTheWrongShapeIsAnErrorWithItsPath() {
        assertThatThrownBy(() -> decode("{\"name\":1}", TYPE))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("at name")
                .hasMessageContaining("a string");
    }
}
