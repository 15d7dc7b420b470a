package io.nftkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "web",
                "_private",
                "k8s-services",
                "a.b",
                "A9_.-",
                "x",
                // accepted by nft 1.0.6 (`nft -f` in a scratch network namespace), listed back unchanged
                "service-ULMVA6XW-namespace1/service1/tcp/p80",
                ".x",
                "..",
                "a/",
                "a//b",
                "_",
                "1.2.3.4",
                "fe80::1",
                "aa:bb:cc:dd:ee:ff",
                "1:2"
            })
    void acceptsNftIdentifiers(String name) {
        assertThat(Identifiers.check("table", name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a;b",
                "$(x)",
                "a\nb",
                "a\"b",
                "a'b",
                "a b",
                "9lives",
                "-x",
                "a{b}",
                "a#b",
                "añ",
                "/x",
                ".",
                "a*",
                "a@b",
                "\"quoted\"",
                "a\\b",
                "a:b/c",
                "1.2.3.4/8",
                "a:b;c"
            })
    void rejectsAnythingThatCouldEscapeItsPlaceInAScript(String name) {
        assertThat(Identifiers.check("table", name))
                .hasValueSatisfying(
                        problem -> assertThat(problem).startsWith("table name ").contains("is not a valid identifier"));
    }

    @Test
    void rejectsEmptyAndMissingNames() {
        assertThat(Identifiers.check("chain", "")).contains("chain name must not be empty");
        assertThat(Identifiers.check("chain", null)).contains("chain name must not be empty");
    }

    @Test
    void acceptsAtMost255Characters() {
        assertThat(Identifiers.check("table", "a".repeat(255))).isEmpty();
        assertThat(Identifiers.check("table", "a".repeat(256)))
                .contains("table name is 256 characters long; at most 255 are allowed");
    }

    @Test
    void quotesControlCharactersInsteadOfEchoingThem() {
        assertThat(Identifiers.check("table", "a\nb"))
                .hasValueSatisfying(
                        problem -> assertThat(problem).doesNotContain("\n").contains("\"a\\u000ab\""));
    }
}
