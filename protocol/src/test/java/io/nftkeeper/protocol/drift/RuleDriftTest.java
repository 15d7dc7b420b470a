package io.nftkeeper.protocol.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.nftkeeper.protocol.live.LiveRule;
import io.nftkeeper.protocol.wire.DriftChange.Change;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleDriftTest {

    private static List<String> rules(String rules) {
        return Arrays.asList(rules.split(" "));
    }

    private static LiveRule live(String canonical, long handle, Long packets) {
        return new LiveRule(canonical, canonical, null, handle, packets, packets == null ? null : packets * 60);
    }

    @Test
    void theSameRulesAreClean() {
        RuleDrift drift = RuleDrift.between(rules("A B C"), rules("A B C"), String::equals);

        assertThat(drift.clean()).isTrue();
        assertThat(drift.changes()).isEmpty();
    }

    @Test
    void oneInsertedRuleIsOneAddedRuleAtItsLivePosition() {
        RuleDrift drift = RuleDrift.between(rules("A B C"), rules("A N B C"), String::equals);

        assertThat(drift.changes())
                .extracting(
                        RuleDrift.Change::change,
                        RuleDrift.Change::recorded,
                        RuleDrift.Change::live,
                        RuleDrift.Change::position)
                .containsExactly(tuple(Change.ADDED, -1, 1, 1));
    }

    @Test
    void withinAGapRemovedAndAddedRulesPairUpAsChangedThenTheRestStayRemovedOrAdded() {
        RuleDrift drift = RuleDrift.between(rules("A B C D"), rules("A C X Y"), String::equals);

        assertThat(drift.changes())
                .extracting(RuleDrift.Change::change, RuleDrift.Change::position)
                .containsExactly(tuple(Change.REMOVED, 1), tuple(Change.CHANGED, 2), tuple(Change.ADDED, 3));
        assertThat(drift.changes().get(1)).isEqualTo(new RuleDrift.Change(Change.CHANGED, 3, 2));
    }

    @Test
    void aRemovedRuleIsAtItsRecordedPosition() {
        RuleDrift drift = RuleDrift.between(rules("A B C"), rules("A C"), String::equals);

        assertThat(drift.changes()).containsExactly(new RuleDrift.Change(Change.REMOVED, 1, -1));
        assertThat(drift.changes().get(0).position()).isEqualTo(1);
    }

    @Test
    void countingIsNoDriftForCanonicalTexts() {
        RuleDrift drift = RuleDrift.byCanonical(
                List.of("tcp dport 22 counter accept"), List.of(live("tcp dport 22 counter accept", 4, 17L)));

        assertThat(drift.clean()).isTrue();
    }

    @Test
    void reconcileKeepsTheRecordedFormOfKeptRulesAndTakesTheLiveFormOfTheOthers() {
        List<String> recorded = List.of("tcp dport 22 accept", "tcp dport 80 accept");
        List<LiveRule> live = List.of(
                live("tcp dport 2222 accept", 7, null),
                live("tcp dport 22 accept", 5, null),
                live("tcp dport 81 accept", 8, null));
        List<String> stored = List.of("ssh (as written)", "web (as written)");

        RuleDrift drift = RuleDrift.byCanonical(recorded, live);

        assertThat(drift.reconcile(stored, live, rule -> "live: " + rule.canonical()))
                .containsExactly("live: tcp dport 2222 accept", "ssh (as written)", "live: tcp dport 81 accept");
        assertThat(drift.changes()).extracting(RuleDrift.Change::change).containsExactly(Change.ADDED, Change.CHANGED);
    }
}
