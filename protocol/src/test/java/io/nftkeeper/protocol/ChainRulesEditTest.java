package io.nftkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The minimal edit of a chain's rules by handle: {@link Transaction.Builder#editChainRules}. */
class ChainRulesEditTest {

    private static final TableRef WEB = new TableRef(Family.INET, "web");
    private static final Chain INPUT = Chain.regular(WEB, "input");

    /** Current rules get handles 11, 12, 13, ... in order. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("unchanged", "a b c", "a b c", ""),
                Arguments.of("insert at the top", "a b c", "n a b c", """
                        insert rule inet web input handle 11 n
                        """),
                Arguments.of("insert in the middle", "a b c", "a n m b c", """
                        insert rule inet web input handle 12 n
                        insert rule inet web input handle 12 m
                        """),
                Arguments.of("insert at the end", "a b c", "a b c n m", """
                        add rule inet web input n
                        add rule inet web input m
                        """),
                Arguments.of("delete", "a b c", "a c", """
                        delete rule inet web input handle 12
                        """),
                Arguments.of("edit the first rule", "a b c", "x b c", """
                        delete rule inet web input handle 11
                        insert rule inet web input handle 12 x
                        """),
                Arguments.of("edit the last rule", "a b c", "a b x", """
                        delete rule inet web input handle 13
                        add rule inet web input x
                        """),
                Arguments.of("move the last rule to the top", "a b c", "c a b", """
                        insert rule inet web input handle 11 c
                        delete rule inet web input handle 13
                        """),
                Arguments.of("duplicates: the first of two identical rules stays", "a a b", "a b", """
                        delete rule inet web input handle 12
                        """),
                Arguments.of("duplicates: a copy added next to its twin", "a b", "a a b", """
                        insert rule inet web input handle 12 a
                        """),
                Arguments.of("all new", "a b", "x", """
                        delete rule inet web input handle 11
                        delete rule inet web input handle 12
                        add rule inet web input x
                        """),
                Arguments.of("into an empty chain", "", "x y", """
                        add rule inet web input x
                        add rule inet web input y
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void editsOnlyWhatChanged(String name, String before, String after, String script) {
        List<Rule> current = listed(before);
        List<Rule> wanted = rules(after);

        Transaction tx = Transaction.builder()
                .editChainRules(INPUT, current, wanted, Alignment.of(current, wanted, ChainRulesEditTest::same))
                .build();

        assertThat(tx.toScript()).isEqualTo(script);
        assertThat(apply(current, tx)).isEqualTo(words(after));
    }

    @Test
    void aCurrentRuleWithoutHandleCannotBeEdited() {
        List<Rule> current = rules("a b");
        List<Rule> wanted = rules("b");

        assertThatThrownBy(() -> Transaction.builder()
                        .editChainRules(
                                INPUT, current, wanted, Alignment.of(current, wanted, ChainRulesEditTest::same)))
                .isInstanceOf(InvalidObjectDefinitionException.class)
                .hasMessageContaining("needs the handle");
    }

    private static boolean same(Rule current, Rule wanted) {
        return current.expr().equals(wanted.expr());
    }

    /** Runs the script the way nft does on a list of (handle, expr) rules, to prove the outcome, not just the text. */
    private static List<String> apply(List<Rule> current, Transaction tx) {
        List<Rule> chain = new ArrayList<>(current);
        long next = 100;
        for (Command command : tx.commands()) {
            Rule rule = (Rule) command.object();
            Long handle = rule.handle();
            Rule added = new Rule(WEB, "input", rule.expr()).withHandle(next++);
            switch (command.verb()) {
                case DELETE ->
                    assertThat(chain.removeIf(r -> r.handle().equals(handle))).isTrue();
                case ADD -> chain.add(handle == null ? chain.size() : indexOf(chain, handle) + 1, added);
                case INSERT -> chain.add(handle == null ? 0 : indexOf(chain, handle), added);
                default -> throw new AssertionError(command.describe());
            }
        }
        return chain.stream().map(Rule::expr).toList();
    }

    private static int indexOf(List<Rule> chain, long handle) {
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).handle() == handle) {
                return i;
            }
        }
        throw new AssertionError("no rule with handle " + handle);
    }

    private static List<Rule> listed(String text) {
        List<Rule> rules = new ArrayList<>();
        List<Rule> plain = rules(text);
        for (int i = 0; i < plain.size(); i++) {
            rules.add(plain.get(i).withHandle(11 + i));
        }
        return rules;
    }

    private static List<Rule> rules(String text) {
        return words(text).stream().map(expr -> new Rule(WEB, "input", expr)).toList();
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.split(" "));
    }
}
