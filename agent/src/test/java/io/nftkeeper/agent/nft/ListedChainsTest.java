package io.nftkeeper.agent.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.agent.nft.ListedChains.TextChain;
import io.nftkeeper.protocol.live.LiveBaseChain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing real nft 1.0.6 stateless listings (fixtures and how they were made: see the README beside them). */
class ListedChainsTest {

    @Test
    void aBaseChainListsItsHeaderAndOneCanonicalRulePerLine() {
        TextChain input = listing("inet-web.nft").get("input");

        assertThat(input.base()).isEqualTo(new LiveBaseChain("filter", "input", "filter", "drop", List.of()));
        assertThat(input.rules())
                .containsExactly(
                        "tcp dport { 22, 80 } accept",
                        "ct state established,related accept comment \"keep it\"",
                        "counter",
                        "iifname \"lo\" accept comment \"loopback\"",
                        "tcp dport 22 jump helper");
    }

    @Test
    void prioritiesPrintByNameWithOffsetsAndThePolicyIsAlwaysListed() {
        Map<String, TextChain> web = listing("inet-web.nft");

        assertThat(web.get("forwarding").base().priority()).isEqualTo("filter + 10");
        assertThat(web.get("prer").base())
                .isEqualTo(new LiveBaseChain("nat", "prerouting", "dstnat", "accept", List.of()));
        assertThat(listing("ip-raw1.nft").get("outc").base().priority()).isEqualTo("mangle - 5");
        assertThat(listing("bridge-br.nft").get("f").base().priority()).isEqualTo("filter");
    }

    @Test
    void oneDeviceAndSeveralDevicesAreListedDifferentlyAndBothAreRead() {
        assertThat(listing("inet-web.nft").get("ing").base().devices()).containsExactly("lo");
        assertThat(listing("netdev-edge.nft").get("ing").base())
                .isEqualTo(new LiveBaseChain("filter", "ingress", "-500", "drop", List.of("d0", "lo")));
    }

    @Test
    void aChainCommentIsNeitherHeaderNorRule() {
        Map<String, TextChain> edge = listing("netdev-edge.nft");

        assertThat(edge.get("plain").base()).isNull();
        assertThat(edge.get("plain").rules()).containsExactly("counter accept comment \"x y\"");
        assertThat(edge.get("ing").rules()).isEmpty();
    }

    @Test
    void regularAndEmptyChainsAreListedAndSetsAreNotChains() {
        Map<String, TextChain> web = listing("inet-web.nft");

        assertThat(web.keySet()).containsExactly("input", "forwarding", "prer", "ing", "helper", "empty");
        assertThat(web.get("helper").base()).isNull();
        assertThat(web.get("helper").rules())
                .containsExactly("ip saddr 10.0.0.0/8 counter drop", "ip saddr @allowed accept");
        assertThat(web.get("empty").rules()).isEmpty();
        assertThat(web).doesNotContainKey("allowed");
    }

    @Test
    void aTruncatedListingIsRefused() {
        assertThatThrownBy(() -> ListedChains.parse("table inet t {\n\tchain c {\n\t\tcounter\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chain c");
    }

    private static Map<String, TextChain> listing(String fixture) {
        try (InputStream in = ListedChainsTest.class.getResourceAsStream("listing/" + fixture)) {
            return ListedChains.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
