package io.nftkeeper.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import org.junit.jupiter.api.Test;

/** Events as nft 1.0.6 prints them with {@code nft -j monitor} (captured in a scratch namespace). */
class RulesetEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableRef WEB = new TableRef(Family.INET, "web");

    private static RulesetEvent event(String json) throws Exception {
        return RulesetEvent.of(JSON.readTree(json));
    }

    @Test
    void namesEachKindOfObjectTheWayNftDoesAndFindsItsTable() throws Exception {
        RulesetEvent table = event("{\"add\": {\"table\": {\"family\": \"inet\", \"name\": \"web\", \"handle\": 1}}}");
        RulesetEvent chain = event("{\"add\": {\"chain\": {\"family\": \"inet\", \"table\": \"web\", \"name\": "
                + "\"extra\", \"handle\": 3}}}");
        RulesetEvent rule = event("{\"delete\": {\"rule\": {\"family\": \"inet\", \"table\": \"web\", \"chain\": "
                + "\"input\", \"handle\": 4, \"expr\": [{\"accept\": null}]}}}");

        assertThat(table.describe()).isEqualTo("add table inet web");
        assertThat(chain.describe()).isEqualTo("add chain inet web extra");
        assertThat(rule.describe()).isEqualTo("delete rule inet web input handle 4");
        assertThat(table.table()).contains(WEB);
        assertThat(chain.table()).contains(WEB);
        assertThat(rule.table()).contains(WEB);
    }

    @Test
    void anEventWithoutATableHasNone() throws Exception {
        RulesetEvent flush = event("{\"flush\": {\"ruleset\": null}}");

        assertThat(flush.describe()).isEqualTo("flush ruleset");
        assertThat(flush.table()).isEmpty();
    }
}
