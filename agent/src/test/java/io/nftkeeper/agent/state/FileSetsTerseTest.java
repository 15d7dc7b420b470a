package io.nftkeeper.agent.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.agent.nft.Nftables;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.JsonLines;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables whose only sets are filled from files list without elements; any other set or map lists them all. */
class FileSetsTerseTest {

    private static final TableRef TABLE = new TableRef(Family.INET, "big");

    @TempDir
    Path stateDir;

    @Test
    void aTableOfFileSetsOnlyListsTerse() throws Exception {
        ElementRecords records = new ElementRecords(stateDir);
        records.save(TABLE, "blocked", new ElementRecords.Record(List.of("10.0.0.1"), List.of("10.0.0.1"), "sha256:x"));
        Listings library = new Listings("{\"nftables\":[{\"table\":{}},{\"set\":{\"name\":\"blocked\"}}]}");
        FileSetsTerse listing = new FileSetsTerse(library, records);
        assertThat(listing.listTable(TABLE))
                .hasValueSatisfying(json -> assertThat(json.toString()).contains("terse"));
        assertThat(listing.listTableText(TABLE)).hasValue("terse text");
        assertThat(records.sets(TABLE)).containsExactly("blocked");
        assertThat(records.sets(new TableRef(Family.INET, "other"))).isEmpty();
    }

    @Test
    void anotherSetOrAMapInTheTableListsInFull() throws Exception {
        ElementRecords records = new ElementRecords(stateDir);
        records.save(TABLE, "blocked", new ElementRecords.Record(List.of(), List.of(), "sha256:x"));
        for (String other : List.of("{\"set\":{\"name\":\"admins\"}}", "{\"map\":{\"name\":\"ports\"}}")) {
            Listings library =
                    new Listings("{\"nftables\":[{\"table\":{}},{\"set\":{\"name\":\"blocked\"}}," + other + "]}");
            FileSetsTerse listing = new FileSetsTerse(library, records);
            assertThat(listing.listTable(TABLE))
                    .hasValueSatisfying(json -> assertThat(json.toString()).contains("full"));
            assertThat(listing.listTableText(TABLE)).hasValue("full text");
        }
    }

    @Test
    void withoutFileSetsNothingChanges() throws Exception {
        FileSetsTerse listing = new FileSetsTerse(new Listings("{\"nftables\":[]}"), new ElementRecords(stateDir));
        assertThat(listing.listTableText(TABLE)).hasValue("full text");
    }

    /** Answers a fixed terse listing (marked "terse") and a full one (marked "full"). */
    private static final class Listings implements Nftables {
        private final JsonNode terse;

        Listings(String terse) throws Exception {
            com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode)
                    JsonLines.mapper().readTree(terse);
            node.put("kind", "terse");
            this.terse = node;
        }

        @Override
        public String version() {
            return "1.0.6";
        }

        @Override
        public java.util.Set<TableRef> tables() {
            return java.util.Set.of(TABLE);
        }

        @Override
        public Optional<JsonNode> listTable(TableRef table) {
            return Optional.of(JsonLines.mapper().createObjectNode().put("kind", "full"));
        }

        @Override
        public Optional<JsonNode> listTableTerse(TableRef table) {
            return Optional.of(terse);
        }

        @Override
        public Optional<String> listTableText(TableRef table) {
            return Optional.of("full text");
        }

        @Override
        public Optional<String> listTableTextTerse(TableRef table) {
            return Optional.of("terse text");
        }

        @Override
        public Optional<JsonNode> listTableWithCounters(TableRef table) {
            return listTable(table);
        }

        @Override
        public java.util.OptionalLong tableHandle(TableRef table) {
            return listTable(table).isPresent() ? java.util.OptionalLong.of(1) : java.util.OptionalLong.empty();
        }

        @Override
        public java.util.Map<Long, String> ruleTexts(TableRef table) {
            return java.util.Map.of();
        }

        @Override
        public Optional<String> listSetText(TableRef table, String set) {
            return Optional.empty();
        }

        @Override
        public void run(String script) {
            // listings only: nothing here changes a ruleset
        }

        @Override
        public void dryRun(String script) {
            // listings only
        }
    }
}
