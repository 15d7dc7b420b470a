package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.wire.ElementsResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan's one-line summary of an element change. */
class FileElementsTest {

    @Test
    void countsDigestsAndAFewSamplesOfEachSide() {
        ElementsResult change = new ElementsResult(true, 0, null, true, 1204, 37,
                List.of("10.0.0.1", "10.0.0.2"), List.of("10.9.9.9"), null, null, null);
        assertThat(FileElements.summary(change, "sha256:3f2a9c0e1b7d00aa", "sha256:9c4e01aa5e2fbbcc"))
                .isEqualTo("+1,204 / \u221237 elements (sha256 3f2a9c0e1b7d → file 9c4e01aa5e2f); adds 10.0.0.1, "
                        + "10.0.0.2, …; removes 10.9.9.9, …");
    }

    @Test
    void aFirstApplyHasNoDigestBefore() {
        ElementsResult change = new ElementsResult(false, 0, null, false, 2, 0, List.of("a", "b"), List.of(), null,
                null, null);
        assertThat(FileElements.summary(change, null, "sha256:9c4e01aa5e2fbbcc"))
                .isEqualTo("+2 / \u22120 elements (none → file 9c4e01aa5e2f); adds a, b");
    }
}
