package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.TableRef;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableObjectIdTest {

    @Test
    void aFullIdNamesHostTableAndObject() {
        TableObjectId id = TableObjectId.parse("web1/inet/filter/input", Optional.of("other"))
                .orElseThrow();

        assertThat(id.table().toString()).isEqualTo("web1/inet/filter");
        assertThat(id.name()).isEqualTo("input");
        assertThat(TableObjectId.problem("web1/inet/filter/input", Optional.empty(), "chain", "input"))
                .isEmpty();
    }

    @Test
    void withoutAHostTheProvidersHostIsMeant() {
        TableObjectId id =
                TableObjectId.parse("inet/filter/allowed", Optional.of("web2")).orElseThrow();

        assertThat(id.table().host()).isEqualTo("web2");
        assertThat(id.name()).isEqualTo("allowed");
    }

    @Test
    void theNameIsEverythingAfterTheTableSlashesIncluded() {
        String chain = "service-ULMVA6XW-namespace1/service1/tcp/p80";
        TableObjectId id = TableObjectId.parse("web1/ip/kube-proxy/" + chain, Optional.of("other"))
                .orElseThrow();

        assertThat(id.table()).isEqualTo(new TableId("web1", new TableRef(Family.IP, "kube-proxy")));
        assertThat(id.name()).isEqualTo(chain);
        assertThat(TableObjectId.parse("ip/kube-proxy/" + chain, Optional.of("web2"))
                        .orElseThrow())
                .isEqualTo(new TableObjectId(new TableId("web2", new TableRef(Family.IP, "kube-proxy")), chain));
        // a table name with '/' is written %2F, as in its table_id; the name may be written either way
        assertThat(TableObjectId.parse("web1/ip/a%2Fb/c/d", Optional.empty()).orElseThrow())
                .isEqualTo(new TableObjectId(new TableId("web1", new TableRef(Family.IP, "a/b")), "c/d"));
        assertThat(TableObjectId.parse("web1/ip/t/c%2Fd", Optional.empty())
                        .orElseThrow()
                        .name())
                .isEqualTo("c/d");
    }

    @Test
    void aHostNamedLikeAFamilyIsAHostWhenAFamilyFollows() {
        assertThat(TableObjectId.parse("inet/ip/t/c", Optional.of("web2"))
                        .orElseThrow()
                        .table())
                .isEqualTo(new TableId("inet", new TableRef(Family.IP, "t")));
    }

    @Test
    void aBadIdSaysWhatIsExpectedAndWhy() {
        assertThat(TableObjectId.problem("web1/inet/filter/bad;name", Optional.empty(), "set", "allowed"))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("Expected `<host>/<family>/<table>/<set>` (or `<family>/<table>/<set>` on the "
                                + "provider's `host`), e.g. `web1/inet/filter/allowed`: ")
                        .contains("set name"));
        assertThat(TableObjectId.problem("input", Optional.empty(), "chain", "input"))
                .isPresent();
        assertThat(TableObjectId.parse("inet/filter/input", Optional.empty())).isEmpty();
    }
}
