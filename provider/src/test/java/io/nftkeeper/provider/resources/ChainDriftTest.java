package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.ModifyPlanResponse;
import io.nftkeeper.framework.types.ListType;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.provider.resources.ChainListing.ListedChain;
import io.nftkeeper.provider.resources.ChainResource.RuleState;
import io.nftkeeper.provider.resources.ChainResource.State;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChainDriftTest {
    private static final RuleState WEB = new RuleState("tcp dport {80,22} accept", null, "tcp dport { 22, 80 } accept");
    private static final RuleState CT = new RuleState("ct state related,established accept", null,
            "ct state established,related accept");
    private static final RuleState COUNT = new RuleState("counter", "all", "counter comment \"all\"");
    private static final State APPLIED = new State("h/inet/web/input", "h/inet/web", "input", "filter", "input", "0",
            "accept", null, List.of(WEB, CT, COUNT));

    @Test
    void aChainListedAsAppliedKeepsTheUsersTextSoThePlanIsEmpty() {
        ListedChain live = live("type filter hook input priority filter; policy accept;",
                "tcp dport { 22, 80 } accept", "ct state established,related accept", "counter comment \"all\"");

        assertThat(ChainDrift.reconcile(APPLIED, live, Family.INET)).isEqualTo(APPLIED);
    }

    @Test
    void aRuleAddedByHandAppearsWithTheHostsTextAndTheOthersKeepTheUsersText() {
        ListedChain live = live("type filter hook input priority filter; policy accept;",
                "tcp dport { 22, 80 } accept", "ip saddr 10.0.0.1 drop comment \"hand\"",
                "ct state established,related accept", "counter comment \"all\"");

        assertThat(ChainDrift.reconcile(APPLIED, live, Family.INET).rule()).containsExactly(WEB,
                new RuleState("ip saddr 10.0.0.1 drop", "hand", "ip saddr 10.0.0.1 drop comment \"hand\""), CT,
                COUNT);
    }

    @Test
    void aRuleEditedOrDeletedByHandShowsAsTheHostHasIt() {
        ListedChain live = live("type filter hook input priority filter; policy accept;",
                "tcp dport { 22, 443 } accept", "counter comment \"all\"");

        assertThat(ChainDrift.reconcile(APPLIED, live, Family.INET).rule()).containsExactly(
                new RuleState("tcp dport { 22, 443 } accept", null, "tcp dport { 22, 443 } accept"), COUNT);
    }

    @Test
    void aPolicyChangedByHandIsDriftButAPriorityListedByNameIsNot() {
        ListedChain live = live("type filter hook input priority filter; policy drop;",
                "tcp dport { 22, 80 } accept", "ct state established,related accept", "counter comment \"all\"");

        State reconciled = ChainDrift.reconcile(APPLIED, live, Family.INET);

        assertThat(reconciled.policy()).isEqualTo("drop");
        assertThat(reconciled.priority()).isEqualTo("filter");
        assertThat(ChainDrift.sameBase(APPLIED, live("type filter hook input priority filter; policy accept;")
                .base(), Family.INET)).isTrue();
    }

    @Test
    void devicesCompareAsSets() {
        State ingress = new State("h/netdev/edge/ing", "h/netdev/edge", "ing", "filter", "ingress", "-500", "drop",
                Set.of("lo", "d0"), List.of());

        assertThat(ChainDrift.sameBase(ingress, live("type filter hook ingress devices = { d0, lo } priority -500; "
                + "policy drop;").base(), Family.NETDEV)).isTrue();
        assertThat(ChainDrift.sameBase(ingress, live("type filter hook ingress device \"lo\" priority -500; "
                + "policy drop;").base(), Family.NETDEV)).isFalse();
    }

    @Test
    void aRuleThatMovedKeepsItsKnownCanonicalTextInThePlan() {
        Value prior = value(APPLIED);
        Value plan = value(APPLIED.withRules(List.of(new RuleState("ip saddr 10.0.0.1 drop", null, null), WEB, CT,
                COUNT))).with("rule", unknownCanonicals(List.of(new RuleState("ip saddr 10.0.0.1 drop", null, null),
                WEB, CT, COUNT)));

        List<Value> planned = ChainDrift.keepKnownCanonical(plan, prior).get("rule").asList();

        assertThat(planned.get(0).get("canonical").isUnknown()).isTrue();
        assertThat(planned.subList(1, 4)).extracting(r -> r.get("canonical").asString())
                .containsExactly(WEB.canonical(), CT.canonical(), COUNT.canonical());
    }

    @Test
    void anEquivalentPrioritySpellingKeepsThePriorOneAndAnotherNumberReplaces() {
        Value prior = value(APPLIED.withBase(Optional.of(new ChainListing.ListedBase("filter", "input",
                "filter", "accept", List.of()))));

        ModifyPlanResponse same = new ModifyPlanResponse(value(APPLIED));
        assertThat(ChainDrift.keepEquivalentPriority(value(APPLIED), prior, same).get("priority").asString())
                .isEqualTo("filter");
        assertThat(same.requiresReplacePaths()).isEmpty();

        Value moved = value(APPLIED).with("priority", Value.string("10"));
        ModifyPlanResponse other = new ModifyPlanResponse(moved);
        assertThat(ChainDrift.keepEquivalentPriority(moved, prior, other).get("priority").asString()).isEqualTo("10");
        assertThat(other.requiresReplacePaths()).containsExactly(Path.root("priority"));
    }

    private static Value value(State state) {
        return Values.fromRecord(ChainResource.schemaV0().objectType(), state);
    }

    private static Value unknownCanonicals(List<RuleState> rules) {
        Value list = value(APPLIED.withRules(rules)).get("rule");
        List<Value> out = list.asList().stream()
                .map(r -> r.with("canonical", Value.unknown(Type.STRING))).toList();
        return Value.list(((ListType) list.type()).element(), out);
    }

    private static ListedChain live(String header, String... rules) {
        StringBuilder text = new StringBuilder("table inet web {\n\tchain input {\n\t\t" + header + "\n");
        for (String rule : rules) {
            text.append("\t\t").append(rule).append('\n');
        }
        return ChainListing.parse(text.append("\t}\n}\n").toString()).chain("input").orElseThrow();
    }
}
