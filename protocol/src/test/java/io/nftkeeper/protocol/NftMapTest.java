package io.nftkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.protocol.wire.JsonLines;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Named maps render as nft 1.0.6 reads them and refuse what nft would misread. */
class NftMapTest {

    private static final TableRef WEB = new TableRef(Family.INET, "web");

    @Test
    void aVerdictMapRendersItsKeyValueTypeAndEntries() {
        NftMap admins = NftMap.builder(WEB, "admins")
                .type("ipv4_addr")
                .value("verdict")
                .flags(SetFlag.INTERVAL)
                .elements(List.of("10.0.0.0/8 : accept", "192.168.0.1-192.168.0.9 : jump audit"))
                .build();

        assertThat(Transaction.builder().add(admins).build().toScript())
                .isEqualTo("add map inet web admins { "
                        + "type ipv4_addr : verdict; flags interval; "
                        + "elements = { 10.0.0.0/8 : accept, 192.168.0.1-192.168.0.9 : jump audit }; }\n");
    }

    @Test
    void concatenatedKeysAndValuesAreJoinedWithSpacedDots() {
        NftMap dnat = NftMap.builder(WEB, "dnat")
                .type("ipv4_addr", "inet_service")
                .value("ipv4_addr.inet_service")
                .build();

        assertThat(dnat.typeClause()).isEqualTo("type ipv4_addr . inet_service : ipv4_addr . inet_service");
    }

    @Test
    void typeofMapsTakeAnExpressionOrVerdictAsValue() {
        NftMap marks = NftMap.builder(WEB, "marks")
                .typeof("ip saddr")
                .value("meta mark")
                .size(100)
                .policy(SetPolicy.MEMORY)
                .build();

        assertThat(Transaction.builder().add(marks).build().toScript())
                .isEqualTo("add map inet web marks { typeof ip saddr : meta mark; size 100; policy memory; }\n");
    }

    @Test
    void mapEntriesAreAddedAndDeletedAsElementsAndKeepTheirTimeoutAndComment() {
        Transaction change = Transaction.builder()
                .delete(new Element(WEB, "admins", List.of("10.0.0.1 : accept")))
                .add(new Element(WEB, "admins", List.of("10.0.0.1 timeout 10m comment \"on call: ana\" : drop")))
                .build();

        assertThat(change.toScript()).isEqualTo("""
                delete element inet web admins { 10.0.0.1 : accept }
                add element inet web admins { 10.0.0.1 timeout 10m comment "on call: ana" : drop }
                """);
    }

    @Test
    void mapsTravelTheWireAsKindMap() throws Exception {
        Command add = new Command(
                Verb.ADD,
                NftMap.builder(WEB, "ports")
                        .type("inet_service")
                        .value("verdict")
                        .elements(List.of("22 : accept"))
                        .build());

        String json = JsonLines.mapper().writeValueAsString(add);

        assertThat(json).contains("\"kind\":\"map\"", "\"value\":\"verdict\"");
        assertThat(JsonLines.mapper().readValue(json, Command.class)).isEqualTo(add);
    }

    @Test
    void theKeyValueSeparatorIsASpacedColonOutsideQuotes() {
        assertThat(NftMap.keyValueSeparator("::1 : accept")).isEqualTo(3);
        assertThat(NftMap.keyValueSeparator("02:42:ac:11:00:02 : 0x1")).isEqualTo(17);
        assertThat(NftMap.keyValueSeparator("10.0.0.1 comment \"a : b\" : drop"))
                .isEqualTo(24);
        assertThat(NftMap.keyValueSeparator("10.0.0.1")).isEqualTo(-1);
    }

    @Test
    void invalidMapsAreRefusedWithTheMapNamed() {
        assertThatThrownBy(() -> NftMap.builder(WEB, "m").type("ipv4_addr").build())
                .hasMessage("map inet web m: a map needs a value type such as verdict, ipv4_addr or "
                        + "ipv4_addr . inet_service");
        assertThatThrownBy(() -> NftMap.builder(WEB, "m")
                        .type("ipv4_addr")
                        .typeof("ip saddr")
                        .value("verdict")
                        .build())
                .hasMessage("map inet web m: give exactly one of type and typeof");
        assertThatThrownBy(() -> NftMap.builder(WEB, "m")
                        .type("ipv4_addr")
                        .value("verdict; flush ruleset")
                        .build())
                .hasMessageContaining("is not an nft data type name");
        assertThatThrownBy(() -> NftMap.builder(WEB, "m")
                        .type("ipv4_addr")
                        .value("verdict")
                        .elements(List.of("10.0.0.1"))
                        .build())
                .hasMessageContaining("map entry \"10.0.0.1\" needs a value");
        assertThatThrownBy(() -> NftMap.builder(WEB, "m")
                        .type("ipv4_addr")
                        .value("verdict")
                        .elements(List.of("10.0.0.1 : accept, 10.0.0.2 : drop"))
                        .build())
                .hasMessageContaining("must not contain ','");
    }
}
