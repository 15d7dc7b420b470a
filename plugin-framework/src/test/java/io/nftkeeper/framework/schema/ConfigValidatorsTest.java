package io.nftkeeper.framework.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.diag.Diagnostic;
import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.types.ObjectType;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidatorsTest {
    private static final ObjectType TYPE =
            Type.object(Map.of("a", Type.STRING, "b", Type.STRING, "n", Type.NUMBER, "l", Type.list(Type.NUMBER)));

    private static List<Path> errors(ConfigValidator validator, Value config) {
        Diagnostics diagnostics = new Diagnostics();
        validator.validate(Path.empty(), config, diagnostics);
        return diagnostics.asList().stream().map(Diagnostic::path).toList();
    }

    @Test
    void conflictsWithReportsEverySetAttribute() {
        Value both = Value.objectBuilder(TYPE).set("a", "x").set("b", "y").build();
        assertThat(errors(ConfigValidators.conflictsWith(Path.root("a"), Path.root("b")), both))
                .containsExactly(Path.root("a"), Path.root("b"));
        assertThat(errors(
                        ConfigValidators.conflictsWith(Path.root("a"), Path.root("b")),
                        Value.objectBuilder(TYPE).set("a", "x").build()))
                .isEmpty();
    }

    @Test
    void exactlyOneOfNeedsOneAndAtMostOne() {
        ConfigValidator rule = ConfigValidators.exactlyOneOf(Path.root("a"), Path.root("b"));
        assertThat(errors(rule, Value.objectBuilder(TYPE).build())).hasSize(1);
        assertThat(errors(rule, Value.objectBuilder(TYPE).set("b", "y").build()))
                .isEmpty();
        assertThat(errors(
                        rule,
                        Value.objectBuilder(TYPE)
                                .set("a", Value.unknown(Type.STRING))
                                .build()))
                .as("unknown may still be set")
                .isEmpty();
    }

    @Test
    void requiredTogetherPointsAtTheMissingOnes() {
        assertThat(errors(
                        ConfigValidators.requiredTogether(Path.root("a"), Path.root("n")),
                        Value.objectBuilder(TYPE).set("a", "x").build()))
                .containsExactly(Path.root("n"));
    }

    @Test
    void attributeValidatorsReportAtThePathTheyAreGiven() {
        Diagnostics diagnostics = new Diagnostics();
        Value list = Value.list(Type.NUMBER, List.of(Value.number(1), Value.number(70000)));
        Validators.eachElement(Validators.between(1, 65535)).validate(Path.root("l"), list, diagnostics);
        Validators.sizeBetween(3, 5).validate(Path.root("l"), list, diagnostics);
        assertThat(diagnostics.asList())
                .extracting(Diagnostic::path)
                .containsExactly(Path.root("l").atIndex(1), Path.root("l"));
    }

    @Test
    void aRangeOfWholeNumbersRefusesAFractionWithOneErrorInsteadOfFailingLater() {
        Diagnostics diagnostics = new Diagnostics();
        Validators.between(1, 0xFFFF_FFFFL)
                .validate(Path.root("size"), Value.number(new java.math.BigDecimal("1.5")), diagnostics);
        Validators.between(1, 65535)
                .validate(Path.root("port"), Value.number(new java.math.BigDecimal("22.0")), diagnostics);
        assertThat(diagnostics.asList()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo(Path.root("size"));
            assertThat(d.summary()).isEqualTo("Not a whole number");
            assertThat(d.detail()).isEqualTo("must be a whole number, got 1.5.");
        });
    }
}
