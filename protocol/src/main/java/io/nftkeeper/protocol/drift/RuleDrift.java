package io.nftkeeper.protocol.drift;

import io.nftkeeper.protocol.Alignment;
import io.nftkeeper.protocol.live.LiveRule;
import io.nftkeeper.protocol.wire.DriftChange;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * nftkeeper's one drift engine for a chain's rules: how the live rules differ from a recorded list (the provider's
 * state for {@code terraform plan} reads, the agent's baseline for {@code nftkeeper drift} and {@code watch}). Rules
 * are aligned by {@link Alignment} (longest common subsequence), so one rule inserted by hand is one added rule at
 * its position rather than every later rule changed. Within a gap between kept rules, removed and added rules pair
 * up as changed (a rule edited in place); the rest stay removed or added.
 */
public final class RuleDrift {

    /**
     * One drifted rule: index {@code recorded} of the recorded rules and {@code live} of the live ones, -1 on the
     * side where the rule does not exist.
     */
    public record Change(DriftChange.Change change, int recorded, int live) {

        /** Where the rule is, from 0: its live index, or its recorded one for a removed rule. */
        public int position() {
            return live < 0 ? recorded : live;
        }
    }

    private final Alignment alignment;
    private final List<Change> changes;

    private RuleDrift(Alignment alignment, List<Change> changes) {
        this.alignment = alignment;
        this.changes = List.copyOf(changes);
    }

    /** The live rules against {@code recorded}; {@code same} says whether a recorded rule is a live one. */
    public static <R, L> RuleDrift between(List<R> recorded, List<L> live, BiPredicate<? super R, ? super L> same) {
        Alignment alignment = Alignment.of(recorded, live, same);
        List<Change> changes = new ArrayList<>();
        for (Alignment.Gap gap : alignment.gaps()) {
            int paired = Math.min(gap.toBefore() - gap.fromBefore(), gap.toAfter() - gap.fromAfter());
            for (int i = 0; i < paired; i++) {
                changes.add(new Change(DriftChange.Change.CHANGED, gap.fromBefore() + i, gap.fromAfter() + i));
            }
            for (int i = gap.fromBefore() + paired; i < gap.toBefore(); i++) {
                changes.add(new Change(DriftChange.Change.REMOVED, i, -1));
            }
            for (int i = gap.fromAfter() + paired; i < gap.toAfter(); i++) {
                changes.add(new Change(DriftChange.Change.ADDED, -1, i));
            }
        }
        return new RuleDrift(alignment, changes);
    }

    /**
     * The live rules against the canonical texts they had when recorded: a rule drifts when nft now prints it
     * differently. Counter values are not in the canonical text, so counting is no drift.
     */
    public static RuleDrift byCanonical(List<String> recorded, List<LiveRule> live) {
        return between(recorded, live, (text, rule) -> rule.canonical().equals(text));
    }

    /** The drifted rules, gap by gap in order: changed, then removed, then added. Empty when nothing drifted. */
    public List<Change> changes() {
        return changes;
    }

    public boolean clean() {
        return changes.isEmpty();
    }

    /**
     * The rules as the host has them, in live order: a kept rule is its recorded form (so what the user wrote
     * stays), any other is {@code fromLive} of the live rule.
     */
    public <T, L> List<T> reconcile(List<T> recorded, List<L> live, Function<? super L, ? extends T> fromLive) {
        List<T> rules = new ArrayList<>(live.size());
        for (L rule : live) {
            rules.add(fromLive.apply(rule));
        }
        for (Alignment.Kept kept : alignment.kept()) {
            rules.set(kept.after(), recorded.get(kept.before()));
        }
        return rules;
    }
}
