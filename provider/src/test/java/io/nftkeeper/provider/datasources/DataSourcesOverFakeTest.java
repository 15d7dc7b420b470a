package io.nftkeeper.provider.datasources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.datasource.DataSource;
import io.nftkeeper.framework.datasource.DataSourceReadRequest;
import io.nftkeeper.framework.datasource.DataSourceReadResponse;
import io.nftkeeper.framework.datasource.DataSourceWithConfigure;
import io.nftkeeper.framework.diag.Diagnostic;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.Counter;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.fake.FakeAgent;
import io.nftkeeper.provider.FakeHosts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data sources' read, as Terraform drives it, against a {@link FakeAgent} holding a managed table and one that
 * other software made by hand: what each reports, and the one error for a table or host that is not there.
 */
class DataSourcesOverFakeTest {

    private static final TableRef WEB = new TableRef(Family.INET, "web");
    private static final TableRef KUBE = new TableRef(Family.IP, "kube-proxy");

    private final FakeAgent agent = new FakeAgent();

    @BeforeEach
    void hostHasAManagedTableAndAForeignOne() {
        agent.byHand(Transaction.builder()
                .add(new Table(KUBE.family(), KUBE.name()))
                .add(Chain.regular(KUBE, "services"))
                .add(new Rule(KUBE, "services", "ip daddr 10.213.7.1 tcp dport 80 accept"))
                .add(new Counter(KUBE, "hits"))
                .build());
        agent.apply(Transaction.builder()
                .add(new Table(WEB.family(), WEB.name()))
                .add(NftSet.builder(WEB, "admins").type("ipv4_addr").build())
                .build()
                .onBehalfOf("owner-1"));
    }

    @Test
    void aTableReadsAsTheHostHasItAndSaysWhetherNftkeeperManagesIt() {
        Value foreign = read(
                        new TableDataSource(), Map.of("family", Value.string("ip"), "name", Value.string("kube-proxy")))
                .state();
        assertThat(foreign.get("id").asString()).isEqualTo(FakeHosts.HOST + "/ip/kube-proxy");
        assertThat(foreign.get("managed").asBool()).isFalse();
        assertThat(foreign.get("chains").asList()).containsExactly(Value.string("services"));
        assertThat(foreign.get("counters").asList()).containsExactly(Value.string("hits"));

        Value managed = read(new TableDataSource(), Map.of("family", Value.string("inet"), "name", Value.string("web")))
                .state();
        assertThat(managed.get("managed").asBool()).isTrue();
        assertThat(managed.get("sets").asList()).containsExactly(Value.string("admins"));
    }

    @Test
    void aTableTheHostDoesNotHaveIsOneErrorNamingIt() {
        DataSourceReadResponse response =
                read(new TableDataSource(), Map.of("family", Value.string("inet"), "name", Value.string("nope")));

        assertThat(response.diagnostics().asList())
                .singleElement()
                .extracting(Diagnostic::summary)
                .isEqualTo("No table inet nope on " + FakeHosts.HOST);
    }

    @Test
    void theRulesetListsEveryTableOrThoseOfOneFamily() {
        Value all = read(new RulesetDataSource(), Map.of()).state();
        assertThat(tableNames(all)).containsExactlyInAnyOrder("ip/kube-proxy", "inet/web");

        Value inet = read(new RulesetDataSource(), Map.of("family", Value.string("inet")))
                .state();
        assertThat(inet.get("id").asString()).isEqualTo(FakeHosts.HOST + "/inet");
        assertThat(tableNames(inet)).containsExactly("inet/web");
    }

    @Test
    void withoutAHostTheErrorIsOnTheHostAttribute() {
        DataSourceReadResponse response =
                read(new RulesetDataSource(), new FakeHosts(agent, Optional.empty()), Map.of());

        assertThat(response.diagnostics().asList())
                .singleElement()
                .extracting(Diagnostic::path)
                .isEqualTo(Path.root("host"));
    }

    private static List<String> tableNames(Value ruleset) {
        return ruleset.get("tables").asList().stream()
                .map(table ->
                        table.get("family").asString() + "/" + table.get("name").asString())
                .toList();
    }

    private DataSourceReadResponse read(DataSource dataSource, Map<String, Value> attributes) {
        return read(dataSource, new FakeHosts(agent), attributes);
    }

    private static DataSourceReadResponse read(DataSource dataSource, FakeHosts hosts, Map<String, Value> attributes) {
        ((DataSourceWithConfigure) dataSource).configure(hosts);
        Value.ObjectBuilder config = Value.objectBuilder(dataSource.schema().objectType());
        attributes.forEach(config::set);
        DataSourceReadResponse response = new DataSourceReadResponse();
        dataSource.read(new DataSourceReadRequest(config.build()), response);
        return response;
    }
}
