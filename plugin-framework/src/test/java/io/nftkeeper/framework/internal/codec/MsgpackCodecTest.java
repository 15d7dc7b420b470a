package io.nftkeeper.framework.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.framework.types.TupleType;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden byte vectors for the rules of docs/plugin-protocol/object-wire-format.md. */
class MsgpackCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    private static String encode(Value value, Type type) {
        return HEX.formatHex(MsgpackCodec.encode(value, type));
    }

    @Test
    void nullIsNil() {
        assertThat(encode(Value.nullOf(Type.STRING), Type.STRING)).isEqualTo("c0");
        assertThat(MsgpackCodec.decode(hex("c0"), Type.NUMBER)).isEqualTo(Value.nullOf(Type.NUMBER));
    }

    @Test
    void unknownIsExtensionZeroAndAnyExtensionDecodesAsUnknown() {
        assertThat(encode(Value.unknown(Type.STRING), Type.STRING)).isEqualTo("d40000");
        // refined unknown: extension 12 with {1: false} ("definitely not null")
        assertThat(MsgpackCodec.decode(hex("c7 03 0c 81 01 c2"), Type.STRING)).isEqualTo(Value.unknown(Type.STRING));
        // some future extension code
        assertThat(MsgpackCodec.decode(hex("d5 2a 00 00"), Type.list(Type.STRING)))
                .isEqualTo(Value.unknown(Type.list(Type.STRING)));
    }

    @Test
    void stringsAndBools() {
        assertThat(encode(Value.string("hi"), Type.STRING)).isEqualTo("a26869");
        assertThat(encode(Value.bool(true), Type.BOOL)).isEqualTo("c3");
        assertThat(MsgpackCodec.decode(hex("a2 68 69"), Type.STRING)).isEqualTo(Value.string("hi"));
        assertThat(MsgpackCodec.decode(hex("c2"), Type.BOOL)).isEqualTo(Value.bool(false));
    }

    @Test
    void numbersAreDecimalStringsSoTerraformDecodesThemAsItDecodesItsStateFile() {
        assertThat(encode(Value.number(42), Type.NUMBER)).isEqualTo("a23432");
        assertThat(encode(Value.number(-1), Type.NUMBER)).isEqualTo("a22d31");
        assertThat(encode(Value.number(new BigDecimal("1E+3")), Type.NUMBER)).isEqualTo("a431303030");
        assertThat(encode(Value.number(new BigDecimal("1.5")), Type.NUMBER)).isEqualTo("a3312e35");
        assertThat(encode(Value.number(new BigDecimal("1180591620717411303424")), Type.NUMBER))
                .isEqualTo("b6" + HEX.formatHex("1180591620717411303424".getBytes()));
    }

    @Test
    void numbersDecodeFromIntegerFloatOrString() {
        assertThat(MsgpackCodec.decode(hex("cd 03 e8"), Type.NUMBER)).isEqualTo(Value.number(1000));
        assertThat(MsgpackCodec.decode(hex("cb 3ff8000000000000"), Type.NUMBER))
                .isEqualTo(Value.number(new BigDecimal("1.5")));
        assertThat(MsgpackCodec.decode(hex("a3 30 2e 31"), Type.NUMBER)).isEqualTo(Value.number(new BigDecimal("0.1")));
        assertThat(MsgpackCodec.decode(hex("cf ffffffffffffffff"), Type.NUMBER).asBigInteger())
                .isEqualTo("18446744073709551615");
    }

    @Test
    void objectsCarryEveryAttributeInNameOrderNullsIncluded() {
        Type type = Type.object(Map.of("b", Type.BOOL, "a", Type.STRING));
        Value value = Value.object(
                Type.object(Map.of("b", Type.BOOL, "a", Type.STRING)),
                Map.of("a", Value.string("x"), "b", Value.nullOf(Type.BOOL)));
        assertThat(encode(value, type)).isEqualTo("82a161a178a162c0");
        assertThat(MsgpackCodec.decode(hex("82 a1 62 c0 a1 61 a1 78"), type)).isEqualTo(value);
    }

    @Test
    void anObjectMissingAnAttributeIsAClearError() {
        Type type = Type.object(Map.of("a", Type.STRING, "b", Type.BOOL));
        assertThatThrownBy(() -> MsgpackCodec.decode(hex("81 a1 61 a1 78"), type))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("attribute \"b\" is missing");
    }

    @Test
    void anObjectWithAnAttributeTheSchemaLacksIsAnError() {
        Type type = Type.object(Map.of("a", Type.STRING));
        assertThatThrownBy(() -> MsgpackCodec.decode(hex("82 a1 61 a1 78 a1 7a c0"), type))
                .hasMessageContaining("unexpected attribute \"z\"");
    }

    @Test
    void collections() {
        assertThat(encode(Value.list(Type.STRING, List.of(Value.string("a"))), Type.list(Type.STRING)))
                .isEqualTo("91a161");
        assertThat(encode(Value.map(Type.NUMBER, Map.of("k", Value.number(1))), Type.map(Type.NUMBER)))
                .isEqualTo("81a16ba131");
        assertThat(MsgpackCodec.decode(hex("92 a1 61 a1 61"), Type.set(Type.STRING))
                        .asSet())
                .as("sets collapse duplicates")
                .containsExactly(Value.string("a"));
        assertThat(MsgpackCodec.decode(hex("92 a1 61 d4 00 00"), Type.list(Type.STRING))
                        .asList())
                .containsExactly(Value.string("a"), Value.unknown(Type.STRING));
    }

    @Test
    void dynamicValuesAreTypeJsonAndValuePairs() {
        String typeJson = HEX.formatHex("\"string\"".getBytes());
        assertThat(encode(Value.string("x"), Type.DYNAMIC)).isEqualTo("92c408" + typeJson + "a178");
        assertThat(MsgpackCodec.decode(hex("92 c4 08" + typeJson + "a1 78"), Type.DYNAMIC))
                .isEqualTo(Value.string("x"));
        assertThat(encode(Value.unknown(Type.DYNAMIC), Type.DYNAMIC)).isEqualTo("d40000");
    }

    @Test
    void aValueOfTheWrongShapeIsAnErrorWithItsPath() {
        Type type = Type.object(Map.of("ports", Type.list(Type.NUMBER)));
        assertThatThrownBy(() -> MsgpackCodec.decode(hex("81 a5" + HEX.formatHex("ports".getBytes()) + "91 c3"), type))
                .hasMessageContaining("at ports[0]")
                .hasMessageContaining("expected a number");
    }

    @Test
    void unknownsNestedInCollectionsAndObjectsSurviveBothWays() {
        Type type = Type.object(Map.of("tags", Type.set(Type.STRING), "env", Type.map(Type.STRING)));
        // {"env": {"a": unknown}, "tags": [refined unknown, "x"]}
        Value value = MsgpackCodec.decode(hex("82 a3656e76 81 a161 d40000 a474616773 92 c7030c8101c2 a178"), type);
        assertThat(value.get("env").asMap().get("a").isUnknown()).isTrue();
        assertThat(value.get("tags").asSet()).containsExactlyInAnyOrder(Value.unknown(Type.STRING), Value.string("x"));
        assertThat(value.isWhollyKnown()).isFalse();
        assertThat(MsgpackCodec.decode(MsgpackCodec.encode(value, type), type)).isEqualTo(value);
    }

    @Test
    void tuplesAreArraysOfTheirElementTypes() {
        TupleType type = Type.tuple(List.of(Type.STRING, Type.NUMBER));
        Value value = Value.tuple(type, List.of(Value.string("a"), Value.number(1)));
        assertThat(encode(value, type)).isEqualTo("92a161a131");
        assertThat(MsgpackCodec.decode(hex("92 a1 61 01"), type)).isEqualTo(value);
        assertThatThrownBy(() -> MsgpackCodec.decode(hex("91 a1 61"), type)).hasMessageContaining("tuple needs 2");
    }

    @Test
    void numbersBeyondSixtyFourBitsAndFractionsKeepEveryDigitBothWays() {
        for (String n : List.of("18446744073709551616123", "-9223372036854775809", "0.30000000000000000000001")) {
            Value value = Value.number(new BigDecimal(n));
            assertThat(MsgpackCodec.decode(MsgpackCodec.encode(value, Type.NUMBER), Type.NUMBER))
                    .isEqualTo(value);
        }
        assertThat(encode(Value.number(Long.MIN_VALUE), Type.NUMBER))
                .isEqualTo("b4" + HEX.formatHex("-9223372036854775808".getBytes()));
        assertThatThrownBy(() -> MsgpackCodec.decode(hex("a3 61 62 63"), Type.NUMBER))
                .hasMessageContaining("not a decimal");
    }

    @Test
    void nullsInsideCollectionsAndUnknownCollectionsAreKept() {
        assertThat(MsgpackCodec.decode(hex("92 c0 a1 61"), Type.list(Type.STRING))
                        .asList())
                .containsExactly(Value.nullOf(Type.STRING), Value.string("a"));
        assertThat(encode(Value.unknown(Type.map(Type.STRING)), Type.map(Type.STRING)))
                .isEqualTo("d40000");
    }

    @Test
    void aBoolWhereTheSchemaSaysStringIsAnError() {
        assertThatThrownBy(() -> MsgpackCodec.decode(hex("c3"), Type.STRING)).hasMessageContaining("expected string");
    }
}
