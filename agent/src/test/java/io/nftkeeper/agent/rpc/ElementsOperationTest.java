package io.nftkeeper.agent.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.agent.nft.NftFailure;
import io.nftkeeper.agent.nft.Nftables;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.SetFlag;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ApplyParams;
import io.nftkeeper.protocol.wire.DriftChange;
import io.nftkeeper.protocol.wire.DriftParams;
import io.nftkeeper.protocol.wire.DriftResult;
import io.nftkeeper.protocol.wire.ElementsParams;
import io.nftkeeper.protocol.wire.ElementsResult;
import io.nftkeeper.protocol.wire.JsonLines;
import io.nftkeeper.protocol.wire.PackedElements;
import io.nftkeeper.protocol.wire.WireProtocol;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the agent applies, checks and digests a whole set's elements: deltas where exact, refills where not. */
class ElementsOperationTest {

    private static final TableRef TABLE = new TableRef(Family.INET, "big");
    private static final NftSet DROP = NftSet.builder(TABLE, "drop")
            .type("ipv4_addr")
            .flags(SetFlag.INTERVAL)
            .autoMerge()
            .build();

    @TempDir
    Path stateDir;

    private final OneSet nft = new OneSet();

    @Test
    void createsTheSetThenItsElementsThenSendsOnlyTheDelta() {
        Dispatcher agent = agentWithTable();
        ElementsResult created = elements(agent, ElementsParams.Action.APPLY, "10.0.0.1", "10.0.0.2", "10.0.0.3");
        assertThat(created.method()).isEqualTo("create");
        assertThat(created.count()).isEqualTo(3);
        // two commits: the empty set (its table's terse listings are cheap then), then only its elements
        assertThat(nft.scripts.get(nft.scripts.size() - 2))
                .contains("add set inet big drop")
                .doesNotContain("add element");
        assertThat(nft.scripts.get(nft.scripts.size() - 1))
                .isEqualTo("add element inet big drop { 10.0.0.1, 10.0.0.2, 10.0.0.3 }\n");

        ElementsResult changed = elements(agent, ElementsParams.Action.APPLY, "10.0.0.1", "10.0.0.3", "10.0.0.9");
        assertThat(changed.method()).isEqualTo("delta");
        assertThat(changed.added()).isEqualTo(1);
        assertThat(changed.removed()).isEqualTo(1);
        assertThat(nft.scripts.get(nft.scripts.size() - 1))
                .isEqualTo("delete element inet big drop { 10.0.0.2 }\nadd element inet big drop { 10.0.0.9 }\n");
        assertThat(nft.elements).containsExactly("10.0.0.1", "10.0.0.3", "10.0.0.9");
        assertThat(changed.digest())
                .isEqualTo(elements(agent, ElementsParams.Action.DIGEST).digest());
    }

    @Test
    void aNewSetWhoseElementsTheKernelRefusesIsWithdrawnWithThem() {
        Dispatcher agent = agentWithTable();

        assertThatThrownBy(() -> elements(agent, ElementsParams.Action.APPLY, "10.0.0.1", "refused-at-commit"))
                .isInstanceOf(AgentException.class);

        assertThat(nft.set).as("the set this request created is gone again").isFalse();
        assertThat(nft.scripts.get(nft.scripts.size() - 1)).contains("delete set inet big drop");
    }

    @Test
    void refillsInOneBatchWhenTheElementsAreNoAddresses() {
        Dispatcher agent = agentWithTable();
        elements(agent, ElementsParams.Action.APPLY, "10.0.0.1 comment \"a\"", "10.0.0.9");
        ElementsResult changed = elements(agent, ElementsParams.Action.APPLY, "10.0.0.9");
        assertThat(changed.method()).isEqualTo("refill");
        assertThat(nft.scripts.get(nft.scripts.size() - 1))
                .isEqualTo("flush set inet big drop\nadd element inet big drop { 10.0.0.9 }\n");
        assertThat(nft.elements).containsExactly("10.0.0.9");
    }

    @Test
    void anUnchangedListWritesNothing() {
        Dispatcher agent = agentWithTable();
        elements(agent, ElementsParams.Action.APPLY, "10.0.0.1");
        int batches = nft.scripts.size();
        assertThat(elements(agent, ElementsParams.Action.APPLY, "10.0.0.1").method())
                .isEqualTo("none");
        assertThat(nft.scripts).hasSize(batches);
    }

    @Test
    void digestNamesWhatWasAddedByHand() {
        Dispatcher agent = agentWithTable();
        elements(agent, ElementsParams.Action.APPLY, "10.0.0.1");
        nft.elements.add("10.9.9.9");
        ElementsResult drift = elements(agent, ElementsParams.Action.DIGEST);
        assertThat(drift.added()).isEqualTo(1);
        assertThat(drift.addedSample()).containsExactly("10.9.9.9");
        assertThat(drift.removed()).isZero();

        // with the host drifted the next apply compares with the host and refills
        ElementsResult restored = elements(agent, ElementsParams.Action.APPLY, "10.0.0.1");
        assertThat(restored.method()).isEqualTo("refill");
        assertThat(restored.removedSample()).containsExactly("10.9.9.9");
        assertThat(nft.elements).containsExactly("10.0.0.1");
    }

    @Test
    void driftNamesWhatChangedInAFileSetFromTheRecord() {
        Dispatcher agent = agentWithTable();
        elements(agent, ElementsParams.Action.APPLY, "10.0.0.1", "10.0.0.2");
        nft.elements.add("10.9.9.9");
        nft.elements.remove("10.0.0.2");
        DriftResult drift = (DriftResult) agent.call(WireProtocol.DRIFT, new DriftParams(List.of(TABLE)));
        assertThat(drift.tables().get(0).changes())
                .extracting(DriftChange::object)
                .containsExactly(
                        "elements of set inet big drop: +1 / \u22121 since the last apply (added 10.9.9.9; removed 10.0.0.2)");
    }

    @Test
    void elementsAHeldOneCannotRefuseAreCheckedAloneAndAnIntervalSetWithoutAutoMergesAgainstTheHost() {
        Dispatcher agent = agentWithTable();
        elements(agent, ElementsParams.Action.APPLY, "10.0.0.1");

        assertThat(elements(agent, ElementsParams.Action.CHECK, "10.0.0.1", "10.0.0.2", "bad")
                        .invalidIndex())
                .isEqualTo(2);
        assertThat(nft.aloneDryRuns)
                .first()
                .satisfies(script -> assertThat(script)
                        .startsWith("add table inet big\nadd set inet big drop {")
                        .contains("10.0.0.2")
                        .doesNotContain("10.0.0.1"));
        assertThat(nft.dryRuns).isEmpty();

        NftSet exact = NftSet.builder(TABLE, "drop")
                .type("ipv4_addr")
                .flags(SetFlag.INTERVAL)
                .build();
        int alone = nft.aloneDryRuns.size();
        assertThat(elements(agent, exact, ElementsParams.Action.CHECK, "10.0.0.1", "10.0.0.3")
                        .valid())
                .isTrue();
        assertThat(nft.aloneDryRuns).hasSize(alone);
        assertThat(nft.dryRuns)
                .singleElement()
                .satisfies(script -> assertThat(script).startsWith("add element inet big drop {"));
    }

    @Test
    void checkNamesTheRefusedElementByItsIndexAndChangesNothing() {
        Dispatcher agent = agentWithTable();
        elements(agent, ElementsParams.Action.APPLY, "10.0.0.1");
        int batches = nft.scripts.size();
        ElementsResult check = elements(agent, ElementsParams.Action.CHECK, "10.0.0.1", "10.0.0.2", "bad", "10.0.0.4");
        assertThat(check.invalidIndex()).isEqualTo(2);
        assertThat(check.error()).contains("Could not resolve hostname");
        assertThat(nft.scripts).hasSize(batches);

        ElementsResult fine = elements(agent, ElementsParams.Action.CHECK, "10.0.0.2", "10.0.0.4");
        assertThat(fine.valid()).isTrue();
        assertThat(fine.added()).isEqualTo(2);
        assertThat(fine.removed()).isEqualTo(1);
        assertThat(fine.removedSample()).containsExactly("10.0.0.1");
    }

    @Test
    void aContributionAddsAndDeletesOnlyItsOwnElementsAndIsDigestedApart() {
        Dispatcher agent = agentWithTable();
        nft.set = true; // owned by someone else, with their elements
        nft.elements.add("10.9.9.9");
        nft.elements.add("10.0.0.2"); // another contributor's, also in this contribution's file

        ElementsResult created = contribute(agent, ElementsParams.Action.APPLY, "10.0.0.1", "10.0.0.2", "10.0.0.3");
        assertThat(nft.scripts.get(nft.scripts.size() - 1))
                .isEqualTo("add element inet big drop { 10.0.0.1, 10.0.0.3 }\n");
        assertThat(created.count()).isEqualTo(2);
        assertThat(contribute(agent, ElementsParams.Action.DIGEST).digest()).isEqualTo(created.digest());

        nft.elements.add("10.5.5.5"); // someone else's: no drift for the contribution
        assertThat(contribute(agent, ElementsParams.Action.DIGEST).digest()).isEqualTo(created.digest());

        ElementsResult check = contribute(agent, ElementsParams.Action.CHECK, "10.0.0.3", "10.0.0.4");
        assertThat(check.added()).isEqualTo(1);
        assertThat(check.removed()).isEqualTo(2);
        assertThat(nft.aloneDryRuns)
                .as("a contribution declares only the set's type: checked against the host's set")
                .isEmpty();
        assertThat(nft.dryRuns)
                .singleElement()
                .satisfies(script -> assertThat(script).isEqualTo("add element inet big drop {\n10.0.0.4\n}\n"));

        ElementsResult changed = contribute(agent, ElementsParams.Action.APPLY, "10.0.0.3", "10.0.0.4");
        assertThat(changed.method()).isEqualTo("delta");
        assertThat(nft.scripts.get(nft.scripts.size() - 1))
                .isEqualTo("delete element inet big drop { 10.0.0.1 }\nadd element inet big drop { 10.0.0.4 }\n");
        assertThat(nft.elements).containsExactly("10.0.0.2", "10.0.0.3", "10.0.0.4", "10.5.5.5", "10.9.9.9");

        nft.elements.remove("10.0.0.3"); // an own element deleted by hand is drift, and the next apply adds it again
        ElementsResult drift = contribute(agent, ElementsParams.Action.DIGEST);
        assertThat(drift.digest()).isNotEqualTo(changed.digest());
        assertThat(drift.removedSample()).containsExactly("10.0.0.3");
        contribute(agent, ElementsParams.Action.APPLY, "10.0.0.3", "10.0.0.4");
        assertThat(nft.scripts.get(nft.scripts.size() - 1)).isEqualTo("add element inet big drop { 10.0.0.3 }\n");

        contribute(agent, ElementsParams.Action.APPLY);
        assertThat(nft.elements).containsExactly("10.0.0.2", "10.5.5.5", "10.9.9.9");
    }

    private static ElementsResult contribute(Dispatcher agent, ElementsParams.Action action, String... elements) {
        String packed = action == ElementsParams.Action.DIGEST ? null : PackedElements.pack(List.of(elements));
        return (ElementsResult)
                agent.call(WireProtocol.ELEMENTS, new ElementsParams(DROP, action, packed, 5, null, "team-a"));
    }

    private Dispatcher agentWithTable() {
        Dispatcher agent = new Dispatcher("0.1.0", "host1", nft, stateDir);
        agent.call(
                WireProtocol.APPLY,
                new ApplyParams(Transaction.builder().add(Table.of(TABLE)).build()));
        return agent;
    }

    private static ElementsResult elements(Dispatcher agent, ElementsParams.Action action, String... elements) {
        return elements(agent, DROP, action, elements);
    }

    private static ElementsResult elements(
            Dispatcher agent, NftSet set, ElementsParams.Action action, String... elements) {
        String packed = action == ElementsParams.Action.DIGEST ? null : PackedElements.pack(List.of(elements));
        return (ElementsResult)
                agent.call(WireProtocol.ELEMENTS, new ElementsParams(set, action, packed, 5, null, null));
    }

    /**
     * One table with at most one set, as libnftables would list and change it (elements kept as written; a
     * {@code delete element} of an absent element fails like the kernel's ENOENT). An element {@code bad} fails to
     * parse, with nft's position of the line it is on.
     */
    private static final class OneSet implements Nftables {
        final List<String> scripts = new ArrayList<>();
        final List<String> dryRuns = new ArrayList<>();
        final List<String> aloneDryRuns = new ArrayList<>();
        boolean table;
        boolean set;
        Set<String> elements = new TreeSet<>();

        @Override
        public String version() {
            return "1.0.6";
        }

        @Override
        public Set<TableRef> tables() {
            return table ? Set.of(TABLE) : Set.of();
        }

        @Override
        public Optional<JsonNode> listTable(TableRef ref) {
            return table
                    ? Optional.of(JsonLines.mapper()
                            .createObjectNode()
                            .putArray("nftables")
                            .addObject())
                    : Optional.empty();
        }

        @Override
        public Optional<String> listTableText(TableRef ref) {
            return table ? Optional.of("table inet big {\n}\n") : Optional.empty();
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
        public Optional<String> listSetText(TableRef ref, String name) {
            if (!set) {
                return Optional.empty();
            }
            return Optional.of("table inet big {\n\tset drop {\n\t\ttype ipv4_addr\n\t\tflags interval\n"
                    + (elements.isEmpty() ? "" : "\t\telements = { " + String.join(",\n\t\t\t     ", elements) + " }\n")
                    + "\t}\n}\n");
        }

        @Override
        public void run(String script) {
            scripts.add(script);
            boolean newTable = table;
            boolean newSet = set;
            Set<String> after = new TreeSet<>(elements);
            for (String line : script.lines().toList()) {
                if (line.startsWith("add table")) {
                    newTable = true;
                } else if (line.startsWith("add set")) {
                    newSet = true;
                } else if (line.startsWith("flush set")) {
                    after.clear();
                } else if (line.startsWith("delete set")) {
                    newSet = false;
                    after.clear();
                } else if (line.contains("refused-at-commit")) {
                    throw NftFailure.fromErrorText("Error: Could not process rule: Invalid argument\n" + line + "\n");
                } else if (line.startsWith("add element") || line.startsWith("delete element")) {
                    List<String> values = Arrays.stream(line.substring(line.indexOf('{') + 1, line.indexOf('}'))
                                    .split(","))
                            .map(String::strip)
                            .toList();
                    if (line.startsWith("add")) {
                        after.addAll(values);
                    } else if (!after.containsAll(values)) {
                        throw NftFailure.fromErrorText("Error: Could not process rule: No such file or directory");
                    } else {
                        after.removeAll(values);
                    }
                }
            }
            table = newTable;
            set = newSet;
            elements = after;
        }

        /** Like libnftables for a buffer: the error, then the buffer's first line quoted, no position. */
        @Override
        public void dryRun(String script) {
            dryRuns.add(script);
            refuseBadElements(script);
        }

        /** Against an empty ruleset: the script must declare the table and the set it adds elements to. */
        @Override
        public void dryRunAlone(String script) {
            aloneDryRuns.add(script);
            if (script.lines().noneMatch(line -> line.startsWith("add table inet big"))
                    || script.lines().noneMatch(line -> line.startsWith("add set inet big drop"))) {
                throw NftFailure.fromErrorText("Error: Could not process rule: No such file or directory\n");
            }
            refuseBadElements(script);
        }

        private static void refuseBadElements(String script) {
            if (script.lines().anyMatch(line -> line.startsWith("bad"))) {
                throw NftFailure.fromErrorText("Error: Could not resolve hostname: Name or service not known\n"
                        + script.lines().findFirst().orElseThrow() + "\n^^^\n");
            }
        }
    }
}
