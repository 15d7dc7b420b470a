package io.nftkeeper.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.types.Value;
import org.junit.jupiter.api.Test;

class NftValidatorsTest {
    private static final Path EXPR = Path.root("rule").atIndex(1).atName("expr");

    @Test
    void aRuleWithASecondCommandIsRefusedOnItsPath() {
        Diagnostics diagnostics = new Diagnostics();
        NftValidators.ruleExpression().validate(EXPR, Value.string("accept; flush ruleset"), diagnostics);
        assertThat(diagnostics.asList())
                .singleElement()
                .asString()
                .contains("Invalid rule")
                .contains("';'")
                .doesNotContain("rule: ");
    }

    @Test
    void emptyRulesAndUnbalancedBracesAreRefused() {
        for (String expr : new String[] {"", "  ", "tcp dport { 22 accept", "log prefix \"x accept"}) {
            Diagnostics diagnostics = new Diagnostics();
            NftValidators.ruleExpression().validate(EXPR, Value.string(expr), diagnostics);
            assertThat(diagnostics.hasError()).as(expr).isTrue();
        }
    }

    @Test
    void semicolonsInsideQuotesAreText() {
        Diagnostics diagnostics = new Diagnostics();
        NftValidators.ruleExpression().validate(EXPR, Value.string("log prefix \"a; b \" accept"), diagnostics);
        assertThat(diagnostics.hasError()).isFalse();
    }

    @Test
    void commentsOver128BytesOrWithQuotesAreRefused() {
        Diagnostics tooLong = new Diagnostics();
        NftValidators.comment().validate(EXPR, Value.string("c".repeat(129)), tooLong);
        Diagnostics quoted = new Diagnostics();
        NftValidators.comment().validate(EXPR, Value.string("say \"hi\""), quoted);
        Diagnostics fine = new Diagnostics();
        NftValidators.comment().validate(EXPR, Value.string("c".repeat(128)), fine);

        assertThat(tooLong.asList()).singleElement().asString().contains("129 bytes");
        assertThat(quoted.hasError()).isTrue();
        assertThat(fine.hasError()).isFalse();
    }
}
