package io.nftkeeper.framework.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.types.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeJsonTest {
    private static String encode(Type type) {
        return new String(TypeJson.encode(type), StandardCharsets.UTF_8);
    }

    @Test
    void typesAreCompactJsonWithObjectAttributesInNameOrder() {
        assertThat(encode(Type.STRING)).isEqualTo("\"string\"");
        assertThat(encode(Type.DYNAMIC)).isEqualTo("\"dynamic\"");
        assertThat(encode(Type.set(Type.NUMBER))).isEqualTo("[\"set\",\"number\"]");
        assertThat(encode(Type.object(Map.of("b", Type.BOOL, "a", Type.list(Type.STRING)))))
                .isEqualTo("[\"object\",{\"a\":[\"list\",\"string\"],\"b\":\"bool\"}]");
        assertThat(encode(Type.tuple(List.of(Type.STRING, Type.map(Type.BOOL)))))
                .isEqualTo("[\"tuple\",[\"string\",[\"map\",\"bool\"]]]");
    }

    @Test
    void decodingIgnoresTheOptionalAttributesMarker() {
        assertThat(TypeJson.decode("[\"object\",{\"a\":\"string\"},[\"a\"]]".getBytes()))
                .isEqualTo(Type.object(Map.of("a", Type.STRING)));
    }

    @Test
    void everyTypeRoundTrips() {
        Type type = Type.object(Map.of("x", Type.tuple(List.of(Type.NUMBER, Type.set(Type.DYNAMIC)))));
        assertThat(TypeJson.decode(TypeJson.encode(type))).isEqualTo(type);
    }
}
