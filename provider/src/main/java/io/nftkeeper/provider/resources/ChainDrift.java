package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.ModifyPlanResponse;
import io.nftkeeper.framework.types.ListType;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.drift.RuleDrift;
import io.nftkeeper.protocol.live.LiveBaseChain;
import io.nftkeeper.protocol.live.LiveChain;
import io.nftkeeper.provider.resources.ChainResource.RuleState;
import io.nftkeeper.provider.resources.ChainResource.State;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How {@code nftables_chain} tells a change of form from a real change: stored canonical texts against the live
 * listing (Read), and the prior state against the plan (plan). Pure functions, no host access.
 */
final class ChainDrift {
    private static final List<String> DRY_RUN_INPUTS =
            List.of("table_id", "name", "type", "hook", "priority", "policy", "devices");

    private ChainDrift() {}

    /**
     * The state as the host has it: {@code current} itself when the live chain matches what was stored (so the
     * user's text stays and the plan is empty); otherwise the live properties and the live rule list, where rules
     * whose canonical text still matches a stored rule (aligned in order) keep the user's text and only added or
     * changed rules carry the host's text ({@link RuleDrift}, the one drift engine).
     */
    static State reconcile(State current, LiveChain live, Family family) {
        State state = current;
        if (!sameBase(current, live.base(), family)) {
            state = state.withBase(live.base());
        }
        RuleDrift rules = RuleDrift.byCanonical(
                current.rule().stream().map(RuleState::canonical).toList(), live.rules());
        if (!rules.clean()) {
            state = state.withRules(rules.reconcile(
                    current.rule(),
                    live.rules(),
                    rule -> new RuleState(rule.expr(), rule.comment(), rule.canonical())));
        }
        return state;
    }

    static boolean sameBase(State current, Optional<LiveBaseChain> live, Family family) {
        if (live.isEmpty()) {
            return !current.isBase();
        }
        LiveBaseChain base = live.get();
        Set<String> devices = current.devices() == null ? Set.of() : current.devices();
        return current.isBase()
                && base.type().equals(current.type())
                && base.hook().equals(current.hook())
                && ChainPriorities.same(family, current.priority(), base.priority())
                && Objects.equals(base.policy(), current.policy() == null ? "accept" : current.policy())
                && Set.copyOf(base.devices()).equals(devices);
    }

    /** Whether going from {@code prior} to {@code planned} needs a new chain (the kernel cannot change these). */
    static boolean replaces(State prior, State planned) {
        return !prior.tableId().equals(planned.tableId())
                || !prior.name().equals(planned.name())
                || !Objects.equals(prior.type(), planned.type())
                || !Objects.equals(prior.hook(), planned.hook())
                || !Objects.equals(prior.priority(), planned.priority())
                || !Objects.equals(prior.devices(), planned.devices());
    }

    /**
     * A priority spelled differently but with the same number ({@code "0"} after import listed {@code "filter"})
     * keeps its prior spelling, which Terraform accepts for an equivalent configured value; a different number
     * replaces the chain.
     */
    static Value keepEquivalentPriority(Value plan, Value prior, ModifyPlanResponse resp) {
        if (prior.isNull()
                || !plan.get("priority").isKnown()
                || !plan.get("table_id").isKnown()) {
            return plan;
        }
        Value before = prior.get("priority");
        Value after = plan.get("priority");
        if (before.equals(after)) {
            return plan;
        }
        Optional<TableId> table = TableId.parse(plan.get("table_id").asString());
        if (!before.isNull()
                && !after.isNull()
                && table.isPresent()
                && ChainPriorities.same(table.get().table().family(), before.asString(), after.asString())) {
            return plan.with("priority", before);
        }
        resp.requiresReplace(Path.root("priority"));
        return plan;
    }

    /**
     * A rule whose text and comment are unchanged has the canonical text it had, wherever it moved in the list;
     * the framework only pairs rules by index and plans every rule after an insertion as unknown.
     */
    static Value keepKnownCanonical(Value plan, Value prior) {
        Value rules = plan.get("rule");
        if (prior.isNull() || !rules.isKnown() || !prior.get("rule").isKnown()) {
            return plan;
        }
        Map<List<Value>, Deque<Value>> known = new HashMap<>();
        for (Value rule : prior.get("rule").asList()) {
            if (rule.get("canonical").isKnown() && !rule.get("canonical").isNull()) {
                known.computeIfAbsent(key(rule), k -> new ArrayDeque<>()).add(rule.get("canonical"));
            }
        }
        List<Value> planned = new ArrayList<>();
        for (Value rule : rules.asList()) {
            Deque<Value> candidates = known.get(key(rule));
            planned.add(
                    rule.get("canonical").isUnknown() && candidates != null && !candidates.isEmpty()
                            ? rule.with("canonical", candidates.poll())
                            : rule);
        }
        return plan.with("rule", Value.list(((ListType) rules.type()).element(), planned));
    }

    private static List<Value> key(Value rule) {
        return List.of(rule.get("expr"), rule.get("comment"));
    }

    /** Whether everything the dry run renders is known (ids and canonical texts are not rendered). */
    static boolean knownForDryRun(Value plan) {
        if (DRY_RUN_INPUTS.stream().anyMatch(name -> !plan.get(name).isWhollyKnown())) {
            return false;
        }
        Value rules = plan.get("rule");
        return rules.isKnown()
                && rules.asList().stream()
                        .allMatch(r -> r.get("expr").isWhollyKnown()
                                && r.get("comment").isWhollyKnown());
    }
}
