package io.nftkeeper.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.types.Value;
import org.junit.jupiter.api.Test;

class PlacementKeywordsTest {
    private static final Path EXPR = Path.root("rule").atIndex(2).atName("expr");

    @Test
    void indexPositionAndHandleAtTheStartAreRefusedOnTheRulesPath() {
        for (String expr :
                new String[] {"index 0 tcp dport 22 drop", "position 5 accept", "  handle 3 drop", "index\t0 drop"}) {
            Diagnostics diagnostics = new Diagnostics();
            PlacementKeywords.refused().validate(EXPR, Value.string(expr), diagnostics);
            assertThat(diagnostics.asList())
                    .as(expr)
                    .singleElement()
                    .asString()
                    .contains("Invalid rule")
                    .contains("rule[2].expr")
                    .contains("which nft reads as where to put the rule")
                    .contains("order of the chain's rule blocks");
        }
    }

    @Test
    void theMessageNamesTheKeywordAndItsNumber() {
        assertThat(PlacementKeywords.problem("index 0 tcp dport 22 drop"))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("`index 0 tcp dport 22 drop` begins with `index 0`,")
                        .contains("remove `index 0`"));
    }

    @Test
    void rulesThatOnlyContainTheWordsLaterAreAccepted() {
        for (String expr : new String[] {
            "tcp dport 22 accept comment \"index 0\"",
            "meta mark set 1 handle",
            "log prefix \"position 3\" accept",
            "indexed accept",
            "ip saddr @handles drop",
            "jump position_chain"
        }) {
            Diagnostics diagnostics = new Diagnostics();
            PlacementKeywords.refused().validate(EXPR, Value.string(expr), diagnostics);
            assertThat(diagnostics.hasError()).as(expr).isFalse();
        }
    }
}
