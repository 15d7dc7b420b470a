package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.diag.Diagnostic;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.resource.UpdateRequest;
import io.nftkeeper.framework.resource.UpdateResponse;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.Element;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.live.LiveTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nftables_set_elements with {@code elements_file} on the fake agent: the file's elements join those another
 * contributor put into the set, the plan summarises a change in counts and samples, the state keeps digests and
 * counts but no elements, and only this contribution's own elements are ever removed.
 */
class SetElementsFileLifecycleTest extends ResourceLifecycleTest {

    @TempDir
    java.nio.file.Path dir;

    @Override
    Resource newResource() {
        return new SetElementsResource(java.nio.file.Path.of("").toAbsolutePath());
    }

    @Override
    void given() {
        agent.apply(Transaction.builder()
                .add(NftSet.builder(TABLE, "allowed")
                        .type("ipv4_addr")
                        .elements(List.of("10.9.9.9", "10.0.0.2"))
                        .build())
                .build()
                .onBehalfOf("owner-1"));
    }

    private Map<String, Value> file(String name, String content) {
        try {
            java.nio.file.Path file = Files.writeString(dir.resolve(name), content);
            return Map.of("set_id", string(TABLE_ID + "/allowed"), FileElements.FILE, string(file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    Map<String, Value> created() {
        return file("team-a.txt", "# team a\n10.0.0.5\n\n10.0.0.2  # also someone else's\n");
    }

    @Override
    Change change() {
        return new Change(file("team-a-2.txt", "10.0.0.5\n10.0.0.6\n"), null);
    }

    @Override
    void assertCreated(LiveTable live) {
        assertThat(live.set("allowed").orElseThrow().elements())
                .containsExactlyInAnyOrder("10.9.9.9", "10.0.0.2", "10.0.0.5");
    }

    @Override
    void assertChanged(LiveTable live) {
        // 10.0.0.2 left the file, but it was in the set before this contribution: it is not this resource's
        assertThat(live.set("allowed").orElseThrow().elements())
                .containsExactlyInAnyOrder("10.9.9.9", "10.0.0.2", "10.0.0.5", "10.0.0.6");
    }

    @Override
    void assertDeleted(LiveTable live) {
        assertThat(live.set("allowed").orElseThrow().elements()).containsExactlyInAnyOrder("10.9.9.9", "10.0.0.2");
    }

    @Override
    BadPlan badPlan() {
        return new BadPlan(file("bad.txt", "10.0.0.7\n# fine so far\n10.0.0.300\n"), Path.root(FileElements.FILE));
    }

    @Override
    void assertReadAfterDelete(Optional<Value> read) {
        // the set stays; the host no longer holds any of this contribution's elements
        assertThat(read.orElseThrow().get(FileElements.COUNT).asLong()).isZero();
    }

    @Override
    @Test
    void importReadsTheObjectBackAsTheStateItWasCreatedWith() {
        create(created());
        Value imported = read(importState(TABLE_ID + "/allowed/10.0.0.5")).orElseThrow();
        Planned planned = plan(created(), imported);
        assertNoError(planned.diagnostics());
        assertThat(planned.replaced())
                .as("a list contribution becomes a file contribution by replacement")
                .containsExactly(Path.root(FileElements.FILE));
    }

    @Test
    void theStateKeepsDigestsAndCountsNotTheElements() {
        Value state = create(created());
        assertThat(state.get("elements").isNull()).isTrue();
        assertThat(state.get(FileElements.COUNT).asLong()).isEqualTo(1);
        assertThat(state.get(FileElements.DIGEST).asString()).startsWith("sha256:");
        assertThat(state.get(FileElements.SOURCE_DIGEST).asString()).startsWith("sha256:");
        assertThat(state.get("id").asString()).matches(TABLE_ID + "/allowed/[0-9a-f]{12}");
        assertThat(state.get(FileElements.CHANGE).asString()).startsWith("+2 / \u22120 elements (none \u2192 file ");
    }

    @Test
    void aChangedFileIsPlannedAsCountsAndSamplesAndAppliedAsItsDelta() {
        Value state = create(created());
        Map<String, Value> config = file("team-a.txt", "10.0.0.5\n10.0.0.7\n10.0.0.8\n");

        Planned planned = plan(config, state);

        assertNoError(planned.diagnostics());
        assertThat(planned.plan().get(FileElements.CHANGE).asString())
                .startsWith("+2 / \u22121 elements (sha256 ")
                .endsWith("; adds 10.0.0.7, 10.0.0.8; removes 10.0.0.2");
        assertThat(planned.diagnostics().asList())
                .anyMatch(d -> d.severity() == Diagnostic.Severity.WARNING
                        && d.detail().startsWith("+2 / \u22121 elements"));
        Value updated = update(config, planned, state);
        assertThat(live(TABLE).set("allowed").orElseThrow().elements())
                .containsExactlyInAnyOrder("10.9.9.9", "10.0.0.2", "10.0.0.5", "10.0.0.7", "10.0.0.8");
        assertThat(updated.get(FileElements.COUNT).asLong()).isEqualTo(3);
        assertThat(read(updated)).contains(updated);
        assertThat(plan(config, updated).plan()).isEqualTo(updated);
    }

    @Test
    void anotherContributorsChangesAreNoDriftButAnOwnElementDeletedByHandIsAndIsAddedAgain() {
        Value state = create(created());
        agent.apply(Transaction.builder()
                .add(new Element(TABLE, "allowed", List.of("10.7.7.7")))
                .delete(new Element(TABLE, "allowed", List.of("10.9.9.9")))
                .build()
                .onBehalfOf(OWNER));
        assertThat(read(state)).contains(state);

        agent.apply(Transaction.builder()
                .delete(new Element(TABLE, "allowed", List.of("10.0.0.5")))
                .build()
                .onBehalfOf(OWNER));
        Value drifted = read(state).orElseThrow();
        assertThat(drifted.get(FileElements.CHANGE).asString())
                .contains("\u22121")
                .contains("10.0.0.5");
        Planned planned = plan(created(), drifted);
        assertThat(planned.plan().get(FileElements.CHANGE).asString()).startsWith("+1 / \u22120 elements");
        Value repaired = update(created(), planned, drifted);
        assertThat(live(TABLE).set("allowed").orElseThrow().elements())
                .containsExactlyInAnyOrder("10.7.7.7", "10.0.0.2", "10.0.0.5");
        assertThat(read(repaired)).contains(repaired);
    }

    @Test
    void aFileChangedBetweenPlanAndApplyAppliesNothing() throws IOException {
        Value state = create(created());
        Map<String, Value> config = file("team-a.txt", "10.0.0.5\n10.0.0.7\n");
        Planned planned = plan(config, state);
        assertNoError(planned.diagnostics());
        Files.writeString(dir.resolve("team-a.txt"), "10.0.0.5\n10.0.0.8\n");

        UpdateResponse updated = new UpdateResponse();
        resource().update(new UpdateRequest(config(config), planned.plan(), state), updated);

        assertThat(updated.diagnostics().asList())
                .singleElement()
                .satisfies(d -> assertThat(d.summary()).isEqualTo("Elements file changed since the plan"));
        assertThat(live(TABLE).set("allowed").orElseThrow().elements())
                .containsExactlyInAnyOrder("10.9.9.9", "10.0.0.2", "10.0.0.5");
    }

    @Test
    void anInvalidLineFailsThePlanWithItsLineNumber() {
        Planned planned = plan(badPlan().config(), Value.nullOf(schema().objectType()));
        assertThat(planned.diagnostics().asList())
                .singleElement()
                .satisfies(d -> assertThat(d.detail()).contains("bad.txt line 3: \"10.0.0.300\""));
    }

    @Test
    void elementsAndAFileTogetherAreOneError() {
        Map<String, Value> both = new java.util.HashMap<>(created());
        both.put("elements", strings("10.0.0.1"));
        io.nftkeeper.framework.diag.Diagnostics diagnostics = new io.nftkeeper.framework.diag.Diagnostics();
        schema().configValidators().forEach(v -> v.validate(Path.empty(), config(both), diagnostics));
        assertThat(diagnostics.hasError()).isTrue();
    }
}
