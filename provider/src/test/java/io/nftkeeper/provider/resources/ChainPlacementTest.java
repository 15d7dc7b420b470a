package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.provider.resources.ChainPlacement.Problem;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainPlacementTest {

    @Test
    void everyHookOfTheFamilyIsFineForAFilterChain() {
        for (String hook : List.of("prerouting", "input", "forward", "output", "postrouting")) {
            assertThat(ChainPlacement.problems(Optional.of(Family.INET), "filter", hook, "0", false))
                    .isEmpty();
        }
        assertThat(ChainPlacement.problems(Optional.of(Family.NETDEV), "filter", "ingress", "-500", true))
                .isEmpty();
        assertThat(ChainPlacement.problems(Optional.of(Family.ARP), "filter", "output", "0", false))
                .isEmpty();
    }

    @Test
    void aHookTheFamilyLacksIsBlamedOnHook() {
        assertThat(attributes(ChainPlacement.problems(Optional.of(Family.NETDEV), "filter", "input", "0", false)))
                .containsExactly("hook");
        assertThat(attributes(ChainPlacement.problems(Optional.of(Family.ARP), "filter", "forward", "0", false)))
                .containsExactly("hook");
    }

    @Test
    void natAndRouteChainsHookOnlyWhereTheKernelRunsThem() {
        assertThat(attributes(ChainPlacement.problems(Optional.empty(), "nat", "forward", "0", false)))
                .containsExactly("hook");
        assertThat(attributes(ChainPlacement.problems(Optional.empty(), "route", "input", "0", false)))
                .containsExactly("hook");
        assertThat(attributes(ChainPlacement.problems(Optional.of(Family.BRIDGE), "nat", "prerouting", "0", false)))
                .containsExactly("type");
        assertThat(ChainPlacement.problems(Optional.of(Family.IP), "nat", "postrouting", "srcnat", false))
                .isEmpty();
    }

    @Test
    void devicesGoWithIngressAndEgressOnly() {
        assertThat(attributes(ChainPlacement.problems(Optional.of(Family.INET), "filter", "input", "0", true)))
                .containsExactly("devices");
        assertThat(attributes(ChainPlacement.problems(Optional.of(Family.NETDEV), "filter", "ingress", "0", false)))
                .containsExactly("hook");
    }

    @Test
    void natPriorityNamesBelongToTheirHook() {
        assertThat(attributes(ChainPlacement.problems(Optional.of(Family.INET), "filter", "input", "dstnat", false)))
                .containsExactly("priority");
        assertThat(ChainPlacement.problems(Optional.of(Family.INET), "nat", "prerouting", "dstnat + 5", false))
                .isEmpty();
    }

    @Test
    void natStatementsOutsideANatChainAreNamed() {
        assertThat(ChainPlacement.natProblem("filter", "input", "masquerade"))
                .get()
                .asString()
                .contains("`masquerade` works only in chains of type nat");
        assertThat(ChainPlacement.natProblem("filter", "forward", "tcp dport 80 dnat ip to 10.0.0.1"))
                .isPresent();
        assertThat(ChainPlacement.natProblem("nat", "prerouting", "masquerade"))
                .get()
                .asString()
                .contains("postrouting or input");
        assertThat(ChainPlacement.natProblem("nat", "postrouting", "snat ip to 10.0.0.1"))
                .isEmpty();
        assertThat(ChainPlacement.natProblem("nat", "output", "tcp dport 22 redirect to :2222"))
                .isEmpty();
    }

    @Test
    void wordsThatOnlyLookLikeNatAreNot() {
        assertThat(ChainPlacement.natProblem("filter", "input", "ct status dnat accept"))
                .isEmpty();
        assertThat(ChainPlacement.natProblem("filter", "input", "ct status snat,dnat accept"))
                .isEmpty();
        assertThat(ChainPlacement.natProblem("filter", "input", "icmp type redirect drop"))
                .isEmpty();
        assertThat(ChainPlacement.natProblem("filter", "input", "icmp type redirect"))
                .isEmpty();
        assertThat(ChainPlacement.natProblem("filter", "input", "icmpv6 type nd-redirect drop"))
                .isEmpty();
        assertThat(ChainPlacement.natProblem("filter", "input", "log prefix \"masquerade \" drop"))
                .isEmpty();
    }

    @Test
    void everyFormOfCtStatusNftAcceptsIsAMatchNotANatStatement() {
        // each accepted by nft 1.0.6 in a filter chain (`nft -f` in a scratch network namespace)
        for (String expr : List.of(
                "ct status ! dnat accept",
                "ct status != dnat accept",
                "ct status == dnat accept",
                "ct status { dnat, snat } accept",
                "ct status & dnat == dnat accept",
                "ct status & (dnat|snat) != 0 accept",
                "ct status ! dnat,snat accept",
                "ct status dnat|snat accept",
                "ct status ! dnat|snat accept",
                "ct status and dnat == dnat accept",
                "ct status eq dnat accept",
                "ct status ne snat counter accept",
                "ct status expected,snat drop",
                "ct status!=dnat accept")) {
            assertThat(ChainPlacement.natProblem("filter", "forward", expr))
                    .as(expr)
                    .isEmpty();
        }
    }

    @Test
    void aNatStatementAfterACtStatusMatchIsStillOne() {
        assertThat(ChainPlacement.natProblem("filter", "forward", "ct status ! dnat masquerade"))
                .get()
                .asString()
                .contains("`masquerade` works only in chains of type nat");
        assertThat(ChainPlacement.natProblem("filter", "input", "ct status dnat dnat ip to 10.0.0.1"))
                .isPresent();
        assertThat(ChainPlacement.natProblem("filter", "input", "ct status & snat != 0 snat ip to 10.0.0.1"))
                .isPresent();
    }

    @Test
    void problemsUseTheRightArticle() {
        assertThat(ChainPlacement.problems(Optional.of(Family.INET), "filter", "egress", "0", true)
                        .get(0)
                        .detail())
                .startsWith("An inet table has the hooks");
        assertThat(ChainPlacement.problems(Optional.of(Family.ARP), "filter", "prerouting", "0", false)
                        .get(0))
                .satisfies(p -> assertThat(p.attribute()).isEqualTo("hook"))
                .satisfies(p -> assertThat(p.detail()).startsWith("An arp table has the hooks input, output"));
        assertThat(ChainPlacement.problems(Optional.of(Family.NETDEV), "filter", "input", "0", false)
                        .get(0)
                        .detail())
                .startsWith("A netdev table");
    }

    private static List<String> attributes(List<Problem> problems) {
        return problems.stream().map(Problem::attribute).toList();
    }
}
