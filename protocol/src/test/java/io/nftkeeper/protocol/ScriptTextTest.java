package io.nftkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** User text rendered into scripts can never end its command, start another, or hide part of a line. */
class ScriptTextTest {

    private static final TableRef WEB = new TableRef(Family.INET, "web");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "accept; flush ruleset",
                "accept\nflush ruleset",
                "accept\rflush ruleset",
                "accept\u0000",
                "accept # and the rest is ignored",
                "tcp dport { 22, 80 accept",
                "tcp dport 22 } accept",
                "meta iifname \"eth0 accept",
                "ip saddr 1.2.3.4 accept comment \"a\\\" ; flush ruleset ; #\"",
                ""
            })
    void ruleExpressionsThatCouldEscapeTheirCommandAreRefusedNamingTheRule(String expr) {
        assertThatThrownBy(() -> new Rule(WEB, "input", expr))
                .isInstanceOf(InvalidObjectDefinitionException.class)
                .hasMessageStartingWith("rule inet web input: expression ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r", "\u0000"));
    }

    @Test
    void theRefusalSaysWhatIsWrong() {
        assertThatThrownBy(() -> new Rule(WEB, "input", "accept; flush ruleset"))
                .hasMessage(
                        "rule inet web input: expression must not contain ';' outside double quotes (it would end this nft "
                                + "command and start another): \"accept; flush ruleset\"");
        assertThatThrownBy(() -> new Rule(WEB, "input", "accept\nflush ruleset"))
                .hasMessage(
                        "rule inet web input: expression must not contain line breaks, NUL or other control characters: "
                                + "\"accept\\u000aflush ruleset\"");
    }

    @Test
    void separatorsInsideQuotedStringsAreText() {
        Rule rule = new Rule(WEB, "input", "meta iifname \"we;ird#{\" accept");

        assertThat(Transaction.builder().add(rule).build().toScript())
                .isEqualTo("add rule inet web input meta iifname \"we;ird#{\" accept\n");
    }

    @Test
    void shellSyntaxIsHarmlessTextThatStaysInsideItsRule() {
        Rule rule = new Rule(WEB, "input", "meta mark $(reboot) accept");

        String script =
                Transaction.builder().add(rule).add(Table.of(WEB)).build().toScript();

        assertThat(script.lines().toList())
                .containsExactly("add rule inet web input meta mark $(reboot) accept", "add table inet web");
    }

    @Test
    void commentsAreQuotedAndMayNotContainQuotesOrLineBreaksOrExceed128Bytes() {
        assertThat(Transaction.builder()
                        .add(new Rule(WEB, "input", "accept", "a; #b {"))
                        .build()
                        .toScript())
                .isEqualTo("add rule inet web input accept comment \"a; #b {\"\n");
        assertThatThrownBy(() -> new Rule(WEB, "input", "accept", "x\" ; flush ruleset ; \""))
                .hasMessageContaining("comment must not contain '\"'");
        // nft 1.0.6 stores and lists a backslash in a comment as it is (`comment "end\"` too)
        assertThat(new Rule(WEB, "input", "accept", "x\\").comment()).isEqualTo("x\\");
        assertThatThrownBy(() -> new Rule(WEB, "input", "accept", "x\ny")).hasMessageContaining("control characters");
        assertThat(new Rule(WEB, "input", "accept", "é".repeat(64)).comment()).hasSize(64);
        assertThatThrownBy(() -> new Rule(WEB, "input", "accept", "é".repeat(65)))
                .hasMessage("rule inet web input: comment is 130 bytes long; nft allows at most 128");
    }

    @Test
    void backslashesAreNftsToJudgeAndNeverHideAQuoteOrASeparator() {
        // nft's escaped wildcard, quoted or not (nft 1.0.6 accepts both and lists "dummy\*")
        assertThat(new Rule(WEB, "input", "meta iifname \"dummy\\*\" accept").expr())
                .isEqualTo("meta iifname \"dummy\\*\" accept");
        assertThat(new Rule(WEB, "input", "meta iifname dummy\\* accept").expr())
                .isNotEmpty();
        // nft has no escapes in strings: the quote after the backslash ends the string, so the ';' is outside it
        assertThatThrownBy(() -> new Rule(WEB, "input", "meta iifname \"a\\\"; flush ruleset; \"\" accept"))
                .hasMessageContaining("must not contain ';' outside double quotes");
        // ... and a string ending in a backslash is a whole string, as nft reads it
        assertThat(new Rule(WEB, "input", "meta iifname \"a\\\" accept").expr()).endsWith("accept");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.1, 10.0.0.2",
                "{ 10.0.0.1 }",
                "10.0.0.1 }; flush ruleset; add element inet web s { 1",
                "10.0.0.1\n",
                "10.0.0.1 # x",
                ""
            })
    void elementValuesMayNotSmuggleMoreElementsOrCommands(String value) {
        assertThatThrownBy(() -> new Element(WEB, "allowed", List.of(value)))
                .isInstanceOf(InvalidObjectDefinitionException.class)
                .hasMessageStartingWith("element inet web allowed: element ");
        assertThatThrownBy(() -> NftSet.builder(WEB, "s")
                        .type("ipv4_addr")
                        .elements(List.of(value))
                        .build())
                .hasMessageStartingWith("set inet web s: element ");
    }

    @Test
    void mapEntriesConcatenationsRangesAndQuotedNamesAreElements() {
        assertThat(new Element(WEB, "m", List.of("10.0.0.1 : accept", "10.0.0.0/8 . 22", "1-100", "\"a,b\"")).values())
                .hasSize(4);
    }
}
