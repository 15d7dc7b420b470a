package io.nftkeeper.agent.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.agent.nft.CanonicalListing;
import io.nftkeeper.agent.nft.RuleTexts;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.DriftChange;
import io.nftkeeper.protocol.wire.DriftChange.Change;
import io.nftkeeper.protocol.wire.DriftChange.Kind;
import io.nftkeeper.protocol.wire.JsonLines;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fixtures are real nft 1.0.6 listings of one table {@code inet web} (see drift/README.md for how they were made):
 * the baseline as the agent records it (stateless), the same table after traffic (stateful listing: counters
 * ticked, the datapath added an element with expiry to {@code @seen}), and after changes by hand.
 */
class RulesetDiffTest {

    private static final TableRef WEB = new TableRef(Family.INET, "web");

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = RulesetDiffTest.class.getResourceAsStream("drift/" + name)) {
            return CanonicalListing.of(JsonLines.mapper().readTree(in));
        }
    }

    @Test
    void anUnchangedTableHasNoChanges() throws Exception {
        assertThat(RulesetDiff.between(WEB, fixture("baseline-listing.json"), fixture("baseline-listing.json")))
                .isEmpty();
    }

    @Test
    void tickingCountersHandlesAndElementsTheDatapathAddsAreNotDrift() throws Exception {
        assertThat(RulesetDiff.between(WEB, fixture("baseline-listing.json"), fixture("live-counters-ticked.json")))
                .isEmpty();
    }

    @Test
    void ruleChangesCarryBothTextsAndTheLiveHandleWhenTheSidesHaveThem() throws Exception {
        Map<String, List<RuleTexts.RuleText>> baselineRules = Map.of(
                "input",
                List.of(new RuleTexts.RuleText("tcp dport 22 accept", -1), new RuleTexts.RuleText("old rule", -1)));
        Map<String, List<RuleTexts.RuleText>> liveRules = Map.of(
                "input",
                List.of(new RuleTexts.RuleText("tcp dport 22 accept", 4), new RuleTexts.RuleText("new rule", 12)),
                "extra",
                List.of(new RuleTexts.RuleText("counter drop", 13)));

        List<DriftChange> rules = RulesetDiff.between(
                        WEB,
                        fixture("baseline-listing.json"),
                        baselineRules,
                        fixture("live-hand-changed.json"),
                        liveRules)
                .stream()
                .filter(c -> c.kind() == Kind.RULE)
                .toList();

        assertThat(rules)
                .containsExactly(
                        new DriftChange(
                                Kind.RULE, Change.CHANGED, "rule inet web input #2", "new rule", "old rule", 12L),
                        new DriftChange(Kind.RULE, Change.ADDED, "rule inet web extra #1", "counter drop", null, 13L));
    }

    @Test
    void handMadeChangesAreReportedObjectByObject() throws Exception {
        List<DriftChange> changes =
                RulesetDiff.between(WEB, fixture("baseline-listing.json"), fixture("live-hand-changed.json"));

        assertThat(changes)
                .extracting(DriftChange::kind, DriftChange::change, DriftChange::object)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.CHAIN, Change.CHANGED, "chain inet web input"),
                        org.assertj.core.groups.Tuple.tuple(Kind.CHAIN, Change.ADDED, "chain inet web extra"),
                        org.assertj.core.groups.Tuple.tuple(Kind.RULE, Change.CHANGED, "rule inet web input #2"),
                        org.assertj.core.groups.Tuple.tuple(Kind.RULE, Change.ADDED, "rule inet web extra #1"),
                        org.assertj.core.groups.Tuple.tuple(
                                Kind.ELEMENT,
                                Change.ADDED,
                                "element inet web allowed {\"prefix\":{\"addr\":\"172.16.0.0\",\"len\":12}}"),
                        org.assertj.core.groups.Tuple.tuple(
                                Kind.ELEMENT, Change.REMOVED, "element inet web allowed \"192.168.1.1\""));
        DriftChange policy = changes.get(0);
        assertThat(policy.baseline()).contains("\"policy\":\"drop\"").doesNotContain("handle");
        assertThat(policy.live()).contains("\"policy\":\"accept\"");
        DriftChange port = changes.get(2);
        assertThat(port.baseline()).contains("\"right\":22");
        assertThat(port.live()).contains("\"right\":2222");
        assertThat(changes.get(3).baseline()).isNull();
        assertThat(changes.get(5).live()).isNull();
    }

    @Test
    void removedChainsRulesSetsAndNamedObjectsAreReportedAsRemoved() throws Exception {
        JsonNode baseline = CanonicalListing.of(JsonLines.mapper()
                .readTree("{\"nftables\":["
                        + "{\"table\":{\"family\":\"inet\",\"name\":\"web\",\"handle\":1}},"
                        + "{\"counter\":{\"family\":\"inet\",\"name\":\"hits\",\"table\":\"web\",\"handle\":2,"
                        + "\"packets\":0,\"bytes\":0}},"
                        + "{\"set\":{\"family\":\"inet\",\"name\":\"s\",\"table\":\"web\",\"type\":\"ipv4_addr\",\"handle\":3}},"
                        + "{\"chain\":{\"family\":\"inet\",\"table\":\"web\",\"name\":\"c\",\"handle\":4}},"
                        + "{\"rule\":{\"family\":\"inet\",\"table\":\"web\",\"chain\":\"c\",\"handle\":5,"
                        + "\"expr\":[{\"accept\":null}]}}]}"));
        JsonNode live = CanonicalListing.of(JsonLines.mapper()
                .readTree("{\"nftables\":[{\"table\":{\"family\":\"inet\",\"name\":\"web\",\"handle\":1}}]}"));

        assertThat(RulesetDiff.between(WEB, baseline, live))
                .extracting(DriftChange::kind, DriftChange::change, DriftChange::object)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.CHAIN, Change.REMOVED, "chain inet web c"),
                        org.assertj.core.groups.Tuple.tuple(Kind.RULE, Change.REMOVED, "rule inet web c #1"),
                        org.assertj.core.groups.Tuple.tuple(Kind.SET, Change.REMOVED, "set inet web s"),
                        org.assertj.core.groups.Tuple.tuple(Kind.OBJECT, Change.REMOVED, "counter inet web hits"));
    }

    @Test
    void theCanonicalListingDropsMetainfoHandlesUsageAndExpiry() throws Exception {
        JsonNode ticked = fixture("live-counters-ticked.json");

        assertThat(ticked.toString())
                .doesNotContain("metainfo", "handle", "packets", "expires")
                .contains("{\"counter\":null}");
    }

    private static JsonNode chainWithRules(String... ports) throws IOException {
        StringBuilder json = new StringBuilder("{\"nftables\":[{\"table\":{\"family\":\"inet\",\"name\":\"web\"}},"
                + "{\"chain\":{\"family\":\"inet\",\"table\":\"web\",\"name\":\"input\"}}");
        for (String port : ports) {
            json.append(
                            ",{\"rule\":{\"family\":\"inet\",\"table\":\"web\",\"chain\":\"input\",\"expr\":[{\"match\":"
                                    + "{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"tcp\",\"field\":\"dport\"}},\"right\":")
                    .append(port)
                    .append("}},{\"accept\":null}]}}");
        }
        return CanonicalListing.of(JsonLines.mapper().readTree(json.append("]}").toString()));
    }

    @Test
    void oneRuleInsertedByHandIsOneAddedRuleAtItsPositionNotACascade() throws Exception {
        List<DriftChange> changes = RulesetDiff.between(
                WEB, chainWithRules("22", "80", "443", "8080"), chainWithRules("2222", "22", "80", "443", "8080"));

        assertThat(changes)
                .extracting(DriftChange::change, DriftChange::object)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Change.ADDED, "rule inet web input #1"));
    }

    @Test
    void removedEditedAndAppendedRulesAreReportedAtTheirPositions() throws Exception {
        List<DriftChange> changes = RulesetDiff.between(
                WEB, chainWithRules("22", "80", "443", "8080"), chainWithRules("22", "443", "8443", "9000"));

        assertThat(changes)
                .extracting(DriftChange::change, DriftChange::object)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Change.REMOVED, "rule inet web input #2"),
                        org.assertj.core.groups.Tuple.tuple(Change.CHANGED, "rule inet web input #3"),
                        org.assertj.core.groups.Tuple.tuple(Change.ADDED, "rule inet web input #4"));
        assertThat(changes.get(1).baseline()).contains("8080");
        assertThat(changes.get(1).live()).contains("8443");
    }
}
