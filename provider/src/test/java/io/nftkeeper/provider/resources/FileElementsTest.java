package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.wire.ElementsResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planning elements from a file, and the plan's one-line summary of an element change. */
class FileElementsTest {

    @TempDir
    Path dir;

    @Test
    void anUnchangedFilePlansTheStateAsItIsWithoutAskingTheHost() throws Exception {
        Path file = Files.writeString(dir.resolve("drop.txt"), "10.0.0.1\n10.0.0.2\n");
        String source = ElementsFile.read(dir, file.toString(), null)
                .file()
                .orElseThrow()
                .sourceDigest();
        SetResource.State applied = new SetResource.State(
                "h/inet/t/s",
                "h/inet/t",
                "s",
                "ipv4_addr",
                Set.of("interval"),
                null,
                null,
                null,
                null,
                null,
                java.util.Map.of(),
                file.toString(),
                null,
                2L,
                "sha256:live",
                source,
                "+2 / \u22120 elements");
        Value prior = Values.fromRecord(SetResource.schemaV0().objectType(), applied);
        Value proposed = prior.with(FileElements.COUNT, Value.unknown(Type.NUMBER))
                .with(FileElements.DIGEST, Value.unknown(Type.STRING))
                .with(FileElements.SOURCE_DIGEST, Value.unknown(Type.STRING))
                .with(FileElements.CHANGE, Value.unknown(Type.STRING));
        Diagnostics diagnostics = new Diagnostics();

        Value plan = FileElements.plan(dir, proposed, prior, Optional.empty(), Optional.empty(), diagnostics);

        assertThat(diagnostics.hasError()).isFalse();
        assertThat(plan).isEqualTo(prior);
    }

    @Test
    void countsDigestsAndAFewSamplesOfEachSide() {
        ElementsResult change = new ElementsResult(
                true, 0, null, true, 1204, 37, List.of("10.0.0.1", "10.0.0.2"), List.of("10.9.9.9"), null, null, null);
        assertThat(FileElements.summary(change, "sha256:3f2a9c0e1b7d00aa", "sha256:9c4e01aa5e2fbbcc"))
                .isEqualTo("+1,204 / \u221237 elements (sha256 3f2a9c0e1b7d → file 9c4e01aa5e2f); adds 10.0.0.1, "
                        + "10.0.0.2, …; removes 10.9.9.9, …");
    }

    @Test
    void aFirstApplyHasNoDigestBefore() {
        ElementsResult change =
                new ElementsResult(false, 0, null, false, 2, 0, List.of("a", "b"), List.of(), null, null, null);
        assertThat(FileElements.summary(change, null, "sha256:9c4e01aa5e2fbbcc"))
                .isEqualTo("+2 / \u22120 elements (none → file 9c4e01aa5e2f); adds a, b");
    }
}
