package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ElementAddressesTest {

    /** Each accepted by nft 1.0.6 in an ipv4_addr interval set without a DNS lookup (scratch network namespace). */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.1",
                "10.0.0.0/8",
                "10.1.2.3/8",
                "1.2.3.4-1.2.3.9",
                "167772161",
                "0x0a000001",
                "010.0.0.1",
                "0.0.0.0/0",
                "10.0.0.8 comment \"x\"",
                "10.0.0.7 timeout 1h"
            })
    void ipv4ElementsNftTakesWithoutDnsPass(String element) {
        assertThat(ElementAddresses.problem("ipv4_addr", element)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "fe80::1",
                "::ffff:1.2.3.4",
                "fe80::/10",
                "::1-::5",
                "::",
                "1:2:3:4:5:6:7:8",
                "2001:db8::1 comment \"doc\""
            })
    void ipv6ElementsNftTakesPass(String element) {
        assertThat(ElementAddresses.problem("ipv6_addr", element)).isEmpty();
    }

    @Test
    void theIssuesElementsFailNamingThePartAndWhy() {
        assertThat(ElementAddresses.problem("ipv4_addr", "10.1.1.300"))
                .contains("`10.1.1.300` is not an IPv4 address.");
        assertThat(ElementAddresses.problem("ipv4_addr", "fe80::1"))
                .get()
                .asString()
                .startsWith("`fe80::1` is an IPv6 address, not an IPv4 address");
        assertThat(ElementAddresses.problem("ipv6_addr", "10.0.0.1"))
                .get()
                .asString()
                .contains("is an IPv4 address, not an IPv6 address")
                .contains("::ffff:10.0.0.1");
        assertThat(ElementAddresses.problem("ipv4_addr", "1.2.3.4-1.2.3.256"))
                .get()
                .asString()
                .startsWith("`1.2.3.4-1.2.3.256` is not an IPv4 address");
    }

    @Test
    void hostNamesAreRefusedBecauseNftWouldResolveThem() {
        assertThat(ElementAddresses.problem("ipv4_addr", "localhost"))
                .get()
                .asString()
                .contains("host name")
                .contains("DNS");
        assertThat(ElementAddresses.problem("ipv6_addr", "example.com"))
                .get()
                .asString()
                .contains("DNS");
    }

    @Test
    void concatenationsCheckOnlyTheAddressPartsAndSayWhichPart() {
        assertThat(ElementAddresses.problem("ipv4_addr . inet_service", "10.0.0.1 . ssh"))
                .isEmpty();
        assertThat(ElementAddresses.problem("ipv4_addr . inet_service", "10.0.0.0/8 . 22-25"))
                .isEmpty();
        assertThat(ElementAddresses.problem("ipv4_addr . inet_service", "10.0.0.300 . 22"))
                .get()
                .asString()
                .startsWith("`10.0.0.300` (part 1 of 2, ipv4_addr) is not an IPv4 address");
        assertThat(ElementAddresses.problem("inet_service . ipv6_addr", "22 . 10.0.0.1"))
                .get()
                .asString()
                .startsWith("`10.0.0.1` (part 2 of 2, ipv6_addr)");
        assertThat(ElementAddresses.problem("ifname", "eth\\*")).isEmpty();
        assertThat(ElementAddresses.problem("inet_service", "localhost")).isEmpty();
    }

    @Test
    void aSetsElementErrorLandsOnTheElement() {
        Value config = Value.objectBuilder(SetResource.schemaV0().objectType())
                .set("type", Value.string("ipv4_addr"))
                .set("elements", Value.list(Type.STRING, List.of(Value.string("10.0.0.1"), Value.string("10.1.1.300"))))
                .build();
        Diagnostics diagnostics = new Diagnostics();

        ElementAddresses.checkSet(Path.empty(), config, diagnostics);

        assertThat(diagnostics.asList()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo(Path.root("elements").atIndex(1));
            assertThat(d.summary()).isEqualTo("Invalid element \"10.1.1.300\"");
        });
    }

    @Test
    void aMapChecksKeysAndValuesByTheirTypes() {
        Value config = Value.objectBuilder(MapResource.schemaV0().objectType())
                .set("type", Value.string("ipv4_addr"))
                .set("value_type", Value.string("ipv4_addr . inet_service"))
                .set(
                        "elements",
                        Value.map(
                                Type.STRING,
                                Map.of(
                                        "10.0.0.1", Value.string("10.213.0.9 . 8080"),
                                        "fe80::1", Value.string("10.213.0.9 . 8080"),
                                        "10.0.0.2", Value.string("10.213.0.300 . 8080"))))
                .build();
        Diagnostics diagnostics = new Diagnostics();

        ElementAddresses.checkMap(Path.empty(), config, diagnostics);

        assertThat(diagnostics.asList())
                .extracting(d -> d.summary())
                .containsExactlyInAnyOrder(
                        "Invalid key \"fe80::1\"", "Invalid value \"10.213.0.300 . 8080\" of key \"10.0.0.2\"");
    }
}
