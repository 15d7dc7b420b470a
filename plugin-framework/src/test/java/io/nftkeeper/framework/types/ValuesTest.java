package io.nftkeeper.framework.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValuesTest {
    record Port(Long number, String protocol) {}

    record Service(
            String id,
            String displayName,
            Integer weight,
            BigDecimal ratio,
            Boolean enabled,
            List<String> hosts,
            Set<Long> ids,
            Map<String, String> labels,
            List<Port> ports) {}

    static final ObjectType PORT = Type.object(Map.of("number", Type.NUMBER, "protocol", Type.STRING));
    static final ObjectType SERVICE = Type.object(Map.of(
            "id",
            Type.STRING,
            "display_name",
            Type.STRING,
            "weight",
            Type.NUMBER,
            "ratio",
            Type.NUMBER,
            "enabled",
            Type.BOOL,
            "hosts",
            Type.list(Type.STRING),
            "ids",
            Type.set(Type.NUMBER),
            "labels",
            Type.map(Type.STRING),
            "ports",
            Type.list(PORT),
            "extra",
            Type.STRING));

    @Test
    void recordsRoundTripThroughObjectValuesWithSnakeCaseNames() {
        Service service = new Service(
                "s1",
                "Web",
                3,
                new BigDecimal("0.5"),
                true,
                List.of("a", "b"),
                Set.of(7L),
                Map.of("env", "prod"),
                List.of(new Port(22L, "tcp")));
        Value value = Values.fromRecord(SERVICE, service);
        assertThat(value.get("display_name").asString()).isEqualTo("Web");
        assertThat(value.get("extra").isNull())
                .as("attributes without a component are null")
                .isTrue();
        assertThat(value.get("ports").asList().get(0).get("number").asLong()).isEqualTo(22L);
        assertThat(Values.toRecord(value, Service.class)).isEqualTo(service);
    }

    @Test
    void unknownAndNullBecomeJavaNull() {
        Value value = Value.objectBuilder(SERVICE)
                .set("id", Value.unknown(Type.STRING))
                .build();
        Service service = Values.toRecord(value, Service.class);
        assertThat(service.id()).isNull();
        assertThat(service.hosts()).isNull();
    }

    @Test
    void aComponentWithoutAttributeIsAnError() {
        record Wrong(String nope) {}
        assertThatThrownBy(() -> Values.toRecord(Value.objectBuilder(PORT).build(), Wrong.class))
                .hasMessageContaining("\"nope\"");
    }
}
