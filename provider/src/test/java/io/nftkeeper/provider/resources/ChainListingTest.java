package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.provider.resources.ChainListing.ListedBase;
import io.nftkeeper.provider.resources.ChainListing.ListedChain;
import io.nftkeeper.provider.resources.ChainListing.ListedRule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing real nft 1.0.6 stateless listings (fixtures and how they were made: see the README beside them). */
class ChainListingTest {

    @Test
    void aBaseChainListsItsHeaderAndOneCanonicalRulePerLine() {
        ListedChain input = listing("inet-web.nft").chain("input").orElseThrow();

        assertThat(input.base()).contains(new ListedBase("filter", "input", "filter", "drop", List.of()));
        assertThat(input.canonicalRules()).containsExactly(
                "tcp dport { 22, 80 } accept",
                "ct state established,related accept comment \"keep it\"",
                "counter",
                "iifname \"lo\" accept comment \"loopback\"",
                "tcp dport 22 jump helper");
    }

    @Test
    void aTrailingCommentIsSplitFromTheRuleExpression() {
        List<ListedRule> rules = listing("inet-web.nft").chain("input").orElseThrow().rules();

        assertThat(rules.get(1)).isEqualTo(new ListedRule("ct state established,related accept comment \"keep it\"",
                "ct state established,related accept", "keep it"));
        assertThat(rules.get(0).comment()).isNull();
        assertThat(rules.get(0).expr()).isEqualTo("tcp dport { 22, 80 } accept");
    }

    @Test
    void prioritiesPrintByNameWithOffsetsAndThePolicyIsAlwaysListed() {
        ChainListing web = listing("inet-web.nft");

        assertThat(web.chain("forwarding").orElseThrow().base().orElseThrow().priority()).isEqualTo("filter + 10");
        assertThat(web.chain("prer").orElseThrow().base().orElseThrow())
                .isEqualTo(new ListedBase("nat", "prerouting", "dstnat", "accept", List.of()));
        assertThat(listing("ip-raw1.nft").chain("outc").orElseThrow().base().orElseThrow().priority())
                .isEqualTo("mangle - 5");
        assertThat(listing("bridge-br.nft").chain("f").orElseThrow().base().orElseThrow().priority())
                .isEqualTo("filter");
    }

    @Test
    void oneDeviceAndSeveralDevicesAreListedDifferentlyAndBothAreRead() {
        assertThat(listing("inet-web.nft").chain("ing").orElseThrow().base().orElseThrow().devices())
                .containsExactly("lo");
        assertThat(listing("netdev-edge.nft").chain("ing").orElseThrow().base().orElseThrow())
                .isEqualTo(new ListedBase("filter", "ingress", "-500", "drop", List.of("d0", "lo")));
    }

    @Test
    void aChainCommentIsNeitherHeaderNorRule() {
        ChainListing edge = listing("netdev-edge.nft");

        assertThat(edge.chain("plain").orElseThrow().base()).isEmpty();
        assertThat(edge.chain("plain").orElseThrow().canonicalRules()).containsExactly("counter accept comment \"x y\"");
        assertThat(edge.chain("ing").orElseThrow().rules()).isEmpty();
    }

    @Test
    void regularAndEmptyChainsAreListedAndSetsAreNotChains() {
        ChainListing web = listing("inet-web.nft");

        assertThat(web.chains().keySet()).containsExactly("input", "forwarding", "prer", "ing", "helper", "empty");
        assertThat(web.chain("helper").orElseThrow().base()).isEmpty();
        assertThat(web.chain("helper").orElseThrow().canonicalRules())
                .containsExactly("ip saddr 10.0.0.0/8 counter drop", "ip saddr @allowed accept");
        assertThat(web.chain("empty").orElseThrow().rules()).isEmpty();
        assertThat(web.chain("allowed")).isEmpty();
    }

    @Test
    void aTruncatedListingIsRefused() {
        assertThatThrownBy(() -> ChainListing.parse("table inet t {\n\tchain c {\n\t\tcounter\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chain c");
    }

    private static ChainListing listing(String fixture) {
        try (InputStream in = ChainListingTest.class.getResourceAsStream(fixture)) {
            return ChainListing.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
