package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.types.ObjectType;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.live.LiveBaseChain;
import io.nftkeeper.protocol.live.LiveTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** nftables_chain on the fake agent: a base chain with its rules, policy and rules changed in place. */
class ChainLifecycleTest extends ResourceLifecycleTest {

    @Override
    Resource newResource() {
        return new ChainResource();
    }

    private Map<String, Value> chain(String policy, String... rules) {
        Map<String, Value> config = new HashMap<>(Map.of(
                "table_id",
                string(TABLE_ID),
                "name",
                string("input"),
                "type",
                string("filter"),
                "hook",
                string("input"),
                "priority",
                string("filter"),
                "rule",
                rules(rules)));
        if (policy != null) {
            config.put("policy", string(policy));
        }
        return config;
    }

    private Value rules(String... exprs) {
        ObjectType rule = schema().blocks().get(0).content().objectType();
        return Value.list(
                rule,
                Stream.of(exprs)
                        .map(expr -> Value.objectBuilder(rule).set("expr", expr).build())
                        .toList());
    }

    @Override
    Map<String, Value> created() {
        return chain(null, "tcp dport 22 accept");
    }

    @Override
    Change change() {
        return new Change(chain("drop", "ct state established,related accept", "tcp dport 22 accept"), null);
    }

    @Override
    void assertCreated(LiveTable live) {
        assertThat(live.chain("input").orElseThrow().base())
                .contains(new LiveBaseChain("filter", "input", "filter", "accept", List.of()));
        assertThat(live.chain("input").orElseThrow().canonicalRules()).containsExactly("tcp dport 22 accept");
    }

    @Override
    void assertChanged(LiveTable live) {
        assertThat(live.chain("input").orElseThrow().base().orElseThrow().policy())
                .isEqualTo("drop");
        assertThat(live.chain("input").orElseThrow().canonicalRules())
                .containsExactly("ct state established,related accept", "tcp dport 22 accept");
    }

    @Override
    void assertDeleted(LiveTable live) {
        assertThat(live.chain("input")).isEmpty();
    }

    @Override
    BadPlan badPlan() {
        // (a missing chain or object would make the plan wait for other resources' plans: see PLANNED_OBJECT_WAIT)
        return new BadPlan(
                chain(null, "tcp dport 22 accept", "ip saddr @missing drop"),
                Path.root("rule").atIndex(1).atName("expr"));
    }

    @Test
    void aRuleChangedOnTheHostIsDriftAndTheNextApplyRestoresTheConfiguredRules() {
        Value state = create(created());
        long handle = live(TABLE).chain("input").orElseThrow().rules().get(0).handle();
        agent.byHand(Transaction.builder()
                .delete(new Rule(TABLE, "input", "tcp dport 22 accept", null, handle))
                .add(new Rule(TABLE, "input", "tcp dport 23 accept"))
                .build());
        Value drifted = read(state).orElseThrow();
        assertThat(drifted).isNotEqualTo(state);
        Planned planned = plan(created(), drifted);
        update(created(), planned, drifted);
        assertThat(live(TABLE).chain("input").orElseThrow().canonicalRules()).containsExactly("tcp dport 22 accept");
    }
}
