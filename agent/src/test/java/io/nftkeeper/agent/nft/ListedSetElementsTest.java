package io.nftkeeper.agent.nft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading the elements out of nft's listing of one set. */
class ListedSetElementsTest {

    @Test
    void splitsTheElementBlockOverLinesAndKeepsCommasInsideComments() {
        String listing = """
                table inet big {
                	set drop {
                		type ipv4_addr
                		flags interval
                		elements = { 10.0.0.0/24 comment "a, b",
                			     10.1.0.1, 10.2.0.0-10.2.0.9 }
                	}
                }
                """;
        assertThat(ListedSetElements.parse(listing))
                .containsExactly("10.0.0.0/24 comment \"a, b\"", "10.1.0.1", "10.2.0.0-10.2.0.9");
    }

    @Test
    void anEmptySetHasNoElements() {
        assertThat(ListedSetElements.parse("table inet big {\n\tset drop {\n\t\ttype ipv4_addr\n\t}\n}\n"))
                .isEmpty();
    }
}
