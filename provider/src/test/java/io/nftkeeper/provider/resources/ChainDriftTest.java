package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.ModifyPlanResponse;
import io.nftkeeper.framework.types.ListType;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.live.LiveBaseChain;
import io.nftkeeper.protocol.live.LiveChain;
import io.nftkeeper.protocol.live.LiveRule;
import io.nftkeeper.provider.resources.ChainResource.RuleState;
import io.nftkeeper.provider.resources.ChainResource.State;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChainDriftTest {
    private static final RuleState WEB = new RuleState("tcp dport {80,22} accept", null, "tcp dport { 22, 80 } accept");
    private static final RuleState CT =
            new RuleState("ct state related,established accept", null, "ct state established,related accept");
    private static final RuleState COUNT = new RuleState("counter", "all", "counter comment \"all\"");
    private static final State APPLIED = new State(
            "h/inet/web/input", "h/inet/web", "input", "filter", "input", "0", "accept", null, List.of(WEB, CT, COUNT));

    private static final LiveBaseChain INPUT_ACCEPT =
            new LiveBaseChain("filter", "input", "filter", "accept", List.of());

    @Test
    void aChainListedAsAppliedKeepsTheUsersTextSoThePlanIsEmpty() {
        LiveChain live = live(
                INPUT_ACCEPT,
                "tcp dport { 22, 80 } accept",
                "ct state established,related accept",
                "counter comment \"all\"");

        assertThat(ChainDrift.reconcile(APPLIED, live, Family.INET)).isEqualTo(APPLIED);
    }

    @Test
    void aRuleAddedByHandAppearsWithTheHostsTextAndTheOthersKeepTheUsersText() {
        LiveChain live = live(
                INPUT_ACCEPT,
                "tcp dport { 22, 80 } accept",
                "ip saddr 10.0.0.1 drop comment \"hand\"",
                "ct state established,related accept",
                "counter comment \"all\"");

        assertThat(ChainDrift.reconcile(APPLIED, live, Family.INET).rule())
                .containsExactly(
                        WEB,
                        new RuleState("ip saddr 10.0.0.1 drop", "hand", "ip saddr 10.0.0.1 drop comment \"hand\""),
                        CT,
                        COUNT);
    }

    @Test
    void aRuleEditedOrDeletedByHandShowsAsTheHostHasIt() {
        LiveChain live = live(INPUT_ACCEPT, "tcp dport { 22, 443 } accept", "counter comment \"all\"");

        assertThat(ChainDrift.reconcile(APPLIED, live, Family.INET).rule())
                .containsExactly(
                        new RuleState("tcp dport { 22, 443 } accept", null, "tcp dport { 22, 443 } accept"), COUNT);
    }

    @Test
    void aPolicyChangedByHandIsDriftButAPriorityListedByNameIsNot() {
        LiveChain live = live(
                new LiveBaseChain("filter", "input", "filter", "drop", List.of()),
                "tcp dport { 22, 80 } accept",
                "ct state established,related accept",
                "counter comment \"all\"");

        State reconciled = ChainDrift.reconcile(APPLIED, live, Family.INET);

        assertThat(reconciled.policy()).isEqualTo("drop");
        assertThat(reconciled.priority()).isEqualTo("filter");
        assertThat(ChainDrift.sameBase(APPLIED, live(INPUT_ACCEPT).base(), Family.INET))
                .isTrue();
    }

    @Test
    void devicesCompareAsSets() {
        State ingress = new State(
                "h/netdev/edge/ing",
                "h/netdev/edge",
                "ing",
                "filter",
                "ingress",
                "-500",
                "drop",
                Set.of("lo", "d0"),
                List.of());

        assertThat(ChainDrift.sameBase(
                        ingress,
                        live(new LiveBaseChain("filter", "ingress", "-500", "drop", List.of("d0", "lo")))
                                .base(),
                        Family.NETDEV))
                .isTrue();
        assertThat(ChainDrift.sameBase(
                        ingress,
                        live(new LiveBaseChain("filter", "ingress", "-500", "drop", List.of("lo")))
                                .base(),
                        Family.NETDEV))
                .isFalse();
    }

    @Test
    void aRuleThatMovedKeepsItsKnownCanonicalTextInThePlan() {
        Value prior = value(APPLIED);
        Value plan = value(
                        APPLIED.withRules(List.of(new RuleState("ip saddr 10.0.0.1 drop", null, null), WEB, CT, COUNT)))
                .with(
                        "rule",
                        unknownCanonicals(
                                List.of(new RuleState("ip saddr 10.0.0.1 drop", null, null), WEB, CT, COUNT)));

        List<Value> planned =
                ChainDrift.keepKnownCanonical(plan, prior).get("rule").asList();

        assertThat(planned.get(0).get("canonical").isUnknown()).isTrue();
        assertThat(planned.subList(1, 4))
                .extracting(r -> r.get("canonical").asString())
                .containsExactly(WEB.canonical(), CT.canonical(), COUNT.canonical());
    }

    @Test
    void anEquivalentPrioritySpellingKeepsThePriorOneAndAnotherNumberReplaces() {
        Value prior = value(
                APPLIED.withBase(Optional.of(new LiveBaseChain("filter", "input", "filter", "accept", List.of()))));

        ModifyPlanResponse same = new ModifyPlanResponse(value(APPLIED));
        assertThat(ChainDrift.keepEquivalentPriority(value(APPLIED), prior, same)
                        .get("priority")
                        .asString())
                .isEqualTo("filter");
        assertThat(same.requiresReplacePaths()).isEmpty();

        Value moved = value(APPLIED).with("priority", Value.string("10"));
        ModifyPlanResponse other = new ModifyPlanResponse(moved);
        assertThat(ChainDrift.keepEquivalentPriority(moved, prior, other)
                        .get("priority")
                        .asString())
                .isEqualTo("10");
        assertThat(other.requiresReplacePaths()).containsExactly(Path.root("priority"));
    }

    private static Value value(State state) {
        return Values.fromRecord(ChainResource.schemaV0().objectType(), state);
    }

    private static Value unknownCanonicals(List<RuleState> rules) {
        Value list = value(APPLIED.withRules(rules)).get("rule");
        List<Value> out = list.asList().stream()
                .map(r -> r.with("canonical", Value.unknown(Type.STRING)))
                .toList();
        return Value.list(((ListType) list.type()).element(), out);
    }

    /** A listed chain; a rule's trailing {@code comment "..."} is split off as nft's listing would be. */
    private static LiveChain live(LiveBaseChain base, String... rules) {
        List<LiveRule> listed = new java.util.ArrayList<>();
        for (String rule : rules) {
            int comment = rule.indexOf(" comment \"");
            listed.add(
                    comment < 0
                            ? new LiveRule(rule, rule, null, listed.size() + 1, null, null)
                            : new LiveRule(
                                    rule,
                                    rule.substring(0, comment),
                                    rule.substring(comment + " comment \"".length(), rule.length() - 1),
                                    listed.size() + 1,
                                    null,
                                    null));
        }
        return new LiveChain("input", base, listed);
    }
}
