package io.nftkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"web", "_private", "k8s-services", "a.b", "A9_.-", "x"})
    void acceptsNftIdentifiers(String name) {
        assertThat(Identifiers.check("table", name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a;b", "$(x)", "a\nb", "a\"b", "a'b", "a b", "9lives", "-x", ".x", "a{b}", "a/b", "a#b",
            "añ"})
    void rejectsAnythingThatCouldEscapeItsPlaceInAScript(String name) {
        assertThat(Identifiers.check("table", name)).hasValueSatisfying(problem ->
                assertThat(problem).startsWith("table name ").contains("is not a valid identifier"));
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
        assertThat(Identifiers.check("table", "a\nb")).hasValueSatisfying(problem ->
                assertThat(problem).doesNotContain("\n").contains("\"a\\u000ab\""));
    }
}
