package io.nftkeeper.agent.nft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.JsonLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CachedListingsTest {

    private static final TableRef WEB = new TableRef(Family.INET, "web");
    private static final String PLAIN = "table inet web {\n\tset allowed {\n\t\ttype ipv4_addr\n\t}\n}\n";

    private final CountingNftables library = new CountingNftables();
    private OptionalLong generation = OptionalLong.of(5);
    private final CachedListings cached = new CachedListings(library, () -> generation);

    @Test
    void aListingIsAnsweredAgainWhileTheGenerationStands() {
        library.text = PLAIN;

        assertThat(cached.listTableText(WEB)).contains(PLAIN);
        assertThat(cached.listTableText(WEB)).contains(PLAIN);
        assertThat(cached.listSetText(WEB, "allowed")).isPresent();
        assertThat(cached.listSetText(WEB, "allowed")).isPresent();

        assertThat(library.calls).containsExactly("text", "set");
    }

    @Test
    void anyCommitEmptiesTheCache() {
        library.text = PLAIN;
        cached.listTableText(WEB);
        generation = OptionalLong.of(6);
        library.text = PLAIN.replace("allowed", "blocked");

        assertThat(cached.listTableText(WEB)).contains(library.text);
        assertThat(library.calls).containsExactly("text", "text");
    }

    @Test
    void aListingDuringWhichSomeoneCommittedIsNotKept() {
        library.text = PLAIN;
        library.during = () -> generation = OptionalLong.of(6);
        cached.listTableText(WEB);
        library.during = () -> {};

        cached.listTableText(WEB);
        cached.listTableText(WEB);

        assertThat(library.calls).as("listed again at 6, then kept").containsExactly("text", "text");
    }

    @Test
    void listingsAPacketCanChangeAreNeverKept() {
        library.text = "table inet web {\n\tset seen {\n\t\ttype ipv4_addr\n\t\tflags dynamic\n\t}\n}\n";
        cached.listTableText(WEB);
        cached.listTableText(WEB);
        ObjectNode addsToASet = JsonLines.mapper().createObjectNode();
        addsToASet
                .putArray("nftables")
                .addObject()
                .putObject("rule")
                .putArray("expr")
                .addObject()
                .putObject("set")
                .put("op", "add")
                .put("set", "@seen");
        library.json = addsToASet;
        cached.listTable(WEB);
        cached.listTable(WEB);
        cached.listTableWithCounters(WEB);
        cached.listTableWithCounters(WEB);
        library.text = "table inet web {\n\tcounter dropped {\n\t\tpackets 12 bytes 720\n\t}\n}\n";
        cached.listTableText(WEB);
        cached.listTableText(WEB);

        assertThat(library.calls)
                .containsExactly("text", "text", "json", "json", "counters", "counters", "text", "text");
    }

    @Test
    void aCommitOfOneSetsElementsAloneKeepsWhatDoesNotShowThem() {
        TableRef other = new TableRef(Family.IP, "other");
        library.text = PLAIN;
        cached.listTableTextTerse(WEB);
        cached.listTableText(WEB);
        cached.listSetText(WEB, "allowed");
        cached.listSetText(WEB, "blocked");
        cached.listTableText(other);
        library.calls.clear();

        Runnable committed = cached.elementsOnlyCommit(WEB, "allowed");
        generation = OptionalLong.of(6);
        committed.run();
        cached.listTableTextTerse(WEB);
        cached.listSetText(WEB, "blocked");
        cached.listTableText(other);
        cached.listTableText(WEB);
        cached.listSetText(WEB, "allowed");

        assertThat(library.calls)
                .as("only what shows the set's elements is listed again")
                .containsExactly("text", "set");
    }

    @Test
    void anotherCommitBesidesTheElementsOnesKeepsNothing() {
        library.text = PLAIN;
        cached.listTableTextTerse(WEB);
        Runnable committed = cached.elementsOnlyCommit(WEB, "allowed");
        generation = OptionalLong.of(7);
        committed.run();
        cached.listTableTextTerse(WEB);

        assertThat(library.calls).containsExactly("text", "text");
    }

    @Test
    void withoutAGenerationNothingIsKept() {
        generation = OptionalLong.empty();
        library.text = PLAIN;
        cached.listTableText(WEB);
        cached.listTableText(WEB);

        assertThat(library.calls).containsExactly("text", "text");
    }

    @Test
    void aReaderChangingTheJsonItGotChangesNothingKept() {
        ObjectNode listing = JsonLines.mapper().createObjectNode();
        listing.putArray("nftables").addObject().putObject("table").put("name", "web");
        library.json = listing;

        ((ObjectNode) cached.listTable(WEB).orElseThrow()).remove("nftables");

        assertThat(cached.listTable(WEB).orElseThrow().has("nftables")).isTrue();
        assertThat(library.calls).containsExactly("json");
    }

    /** Answers what its fields say and records each call. */
    private static final class CountingNftables implements Nftables {
        final List<String> calls = new ArrayList<>();
        String text = "";
        JsonNode json = JsonLines.mapper().createObjectNode();
        Runnable during = () -> {};

        private <T> T call(String name, T answer) {
            calls.add(name);
            during.run();
            return answer;
        }

        @Override
        public String version() {
            return "1.0.6";
        }

        @Override
        public Set<TableRef> tables() {
            return call("tables", Set.of(WEB));
        }

        @Override
        public OptionalLong tableHandle(TableRef table) {
            return call("handle", OptionalLong.of(1));
        }

        @Override
        public Optional<JsonNode> listTable(TableRef table) {
            return call("json", Optional.of(json));
        }

        @Override
        public Optional<JsonNode> listTableWithCounters(TableRef table) {
            return call("counters", Optional.of(json));
        }

        @Override
        public Optional<String> listTableText(TableRef table) {
            return call("text", Optional.of(text));
        }

        @Override
        public Map<Long, String> ruleTexts(TableRef table) {
            return call("rules", Map.of());
        }

        @Override
        public Optional<String> listSetText(TableRef table, String set) {
            return call("set", Optional.of(text));
        }

        @Override
        public void run(String script) {
            calls.add("run");
        }

        @Override
        public void dryRun(String script) {
            calls.add("dry run");
        }
    }
}
