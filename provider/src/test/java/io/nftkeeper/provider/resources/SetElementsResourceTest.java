package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Contributed elements: a stable id, and nothing of anyone else's is ever claimed. */
class SetElementsResourceTest {
    private static final String SET = "web1/inet/filter/admins";

    @Test
    void theIdIsTheSetAndADigestOfTheCanonicalTextsSoCreateAndImportAgree() {
        String created =
                SetElementsResource.idFor(SET, Map.of("10.1.2.3/8", "10.0.0.0/8", "192.168.1.7", "192.168.1.7"));
        String imported =
                SetElementsResource.idFor(SET, Map.of("192.168.1.7", "192.168.1.7", "10.0.0.0/8", "10.0.0.0/8"));

        assertThat(created).isEqualTo(imported).matches(SET + "/[0-9a-f]{12}");
        assertThat(SetElementsResource.idFor(SET, Map.of("10.0.0.1", "10.0.0.1")))
                .isNotEqualTo(created);
    }

    @Test
    void anElementAlreadyInTheSetWhenContributedIsNotThisResourcesToDelete() {
        TrackedElements after = TrackedElements.afterApply(
                Set.of("10.0.0.1", "10.9.0.0/16"),
                Map.of(),
                List.of("10.0.0.1", "10.9.0.0/16", "172.16.0.1"),
                Set.of("10.0.0.1", "172.16.0.1"));

        assertThat(after.canonical()).isEqualTo(Map.of("10.0.0.1", "", "10.9.0.0/16", "10.9.0.0/16"));
        assertThat(after.changeTo(Set.of()).delete()).containsExactly("10.9.0.0/16");
    }

    @Test
    void otherContributorsElementsAreNeverDriftButOwnMissingOnesAre() {
        TrackedElements mine = TrackedElements.of(Set.of("10.9.0.0/16"), Map.of("10.9.0.0/16", "10.9.0.0/16"));

        assertThat(mine.reconcile(List.of("10.9.0.0/16", "172.16.0.1"), true)).isEmpty();
        assertThat(mine.reconcile(List.of("172.16.0.1"), true).orElseThrow().elements())
                .isEmpty();
    }
}
