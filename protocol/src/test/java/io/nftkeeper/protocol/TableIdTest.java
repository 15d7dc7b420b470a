package io.nftkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableIdTest {

    @Test
    void theHostIsEverythingBeforeFamilyAndTable() {
        assertThat(TableId.parse("10.213.0.2/inet/web"))
                .contains(new TableId("10.213.0.2", new TableRef(Family.INET, "web")));
        assertThat(TableId.parse("web1/ip/kube-proxy").orElseThrow().toString()).isEqualTo("web1/ip/kube-proxy");
    }

    @Test
    void aSlashInTheTableNameIsWrittenPercentEncodedSoTheIdSplitsOneWayOnly() {
        TableId id = new TableId("web1", new TableRef(Family.IP, "k8s/one"));

        assertThat(id.toString()).isEqualTo("web1/ip/k8s%2Fone");
        assertThat(TableId.parse("web1/ip/k8s%2Fone")).contains(id);
        assertThat(TableId.problem("web1/ip/k8s/one")).get().asString().contains("%2F");
    }

    @Test
    void idsWithoutHostOrWithAnUnknownFamilyOrBadNameAreRefusedWithAReason() {
        assertThat(TableId.problem("inet/web")).get().asString().contains("<host>/<family>/<table>");
        assertThat(TableId.problem("web1/inet6/web")).get().asString().contains("inet6");
        assertThat(TableId.problem("web1/inet/we b")).isPresent();
        assertThat(TableId.parse("web1/inet/we b")).isEmpty();
    }
}
