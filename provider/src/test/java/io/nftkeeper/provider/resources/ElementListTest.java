package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.diag.Diagnostic;
import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** `elements` is a list that means a set: repeats are a configuration error, order is no change. */
class ElementListTest {
    private static final Path ELEMENTS = Path.root("elements");

    private static Value list(String... elements) {
        return Value.list(
                Type.STRING, List.of(elements).stream().map(Value::string).toList());
    }

    private static List<Diagnostic> validate(Value list) {
        Diagnostics diagnostics = new Diagnostics();
        ElementList.rejectNullsAndRepeats(ELEMENTS, list, diagnostics);
        return diagnostics.asList();
    }

    @Test
    void aRepeatedElementIsOneErrorOnTheAttributeNamingIt() {
        List<Diagnostic> errors = validate(list("10.0.0.1", "10.0.0.2", "10.0.0.1", "10.0.0.1"));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.severity()).isEqualTo(Diagnostic.Severity.ERROR);
            assertThat(error.path()).isEqualTo(ELEMENTS);
            assertThat(error.summary()).isEqualTo("Duplicate elements");
            assertThat(error.detail()).startsWith("The element \"10.0.0.1\" is listed more than once.");
        });
    }

    @Test
    void manyRepeatsAreNamedUpToFiveAndCounted() {
        String[] twice =
                IntStream.range(0, 14).mapToObj(i -> "10.0.0." + (i % 7)).toArray(String[]::new);

        assertThat(validate(list(twice)))
                .singleElement()
                .extracting(Diagnostic::detail)
                .asString()
                .startsWith("The elements \"10.0.0.0\", \"10.0.0.1\", \"10.0.0.2\", \"10.0.0.3\", \"10.0.0.4\" "
                        + "and 2 more are listed more than once.");
    }

    @Test
    void distinctElementsUnknownOnesAndRespellingsPass() {
        Value withUnknown = Value.list(
                Type.STRING, List.of(Value.string("10.0.0.1"), Value.unknown(Type.STRING), Value.unknown(Type.STRING)));

        assertThat(validate(list("10.0.0.1", "10.0.0.2"))).isEmpty();
        assertThat(validate(withUnknown)).isEmpty();
        // the host decides whether two spellings are one element, as before
        assertThat(validate(list("10.0.0.1", "10.0.0.1/32"))).isEmpty();
    }

    @Test
    void aNullElementIsAnErrorAtItsIndex() {
        Value withNull = Value.list(Type.STRING, List.of(Value.string("10.0.0.1"), Value.nullOf(Type.STRING)));

        assertThat(validate(withNull))
                .singleElement()
                .extracting(Diagnostic::path)
                .isEqualTo(ELEMENTS.atIndex(1));
    }

    @Test
    void theSameElementsInAnotherOrderAreEquivalentAndNothingElseIs() {
        assertThat(ElementList.sameElements(list("a", "b", "c"), list("c", "a", "b")))
                .isTrue();
        assertThat(ElementList.sameElements(list("a", "b"), list("a", "c"))).isFalse();
        assertThat(ElementList.sameElements(list("a", "b"), list("a", "b", "c")))
                .isFalse();
    }

    @Test
    void theAttributeIsAListOfStrings() {
        assertThat(ElementList.attribute("elements").type()).isEqualTo(Type.list(Type.STRING));
    }
}
