package io.nftkeeper.provider.resources;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TableObjectIdTest {

    @Test
    void aFullIdNamesHostTableAndObject() {
        TableObjectId id = TableObjectId.parse("web1/inet/filter/input", Optional.of("other")).orElseThrow();

        assertThat(id.table().toString()).isEqualTo("web1/inet/filter");
        assertThat(id.name()).isEqualTo("input");
        assertThat(TableObjectId.problem("web1/inet/filter/input", Optional.empty(), "chain", "input")).isEmpty();
    }

    @Test
    void withoutAHostTheProvidersHostIsMeant() {
        TableObjectId id = TableObjectId.parse("inet/filter/allowed", Optional.of("web2")).orElseThrow();

        assertThat(id.table().host()).isEqualTo("web2");
        assertThat(id.name()).isEqualTo("allowed");
    }

    @Test
    void aBadIdSaysWhatIsExpectedAndWhy() {
        assertThat(TableObjectId.problem("web1/inet/filter/bad;name", Optional.empty(), "set", "allowed"))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("Expected `<host>/<family>/<table>/<set>` (or `<family>/<table>/<set>` on the "
                                + "provider's `host`), e.g. `web1/inet/filter/allowed`: ")
                        .contains("set name"));
        assertThat(TableObjectId.problem("input", Optional.empty(), "chain", "input")).isPresent();
        assertThat(TableObjectId.parse("inet/filter/input", Optional.empty())).isEmpty();
    }
}
