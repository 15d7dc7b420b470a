package io.nftkeeper.cli.drift.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.cli.CliException;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TerraformStateTest {

    private static final TableRef WEB = new TableRef(Family.INET, "web");
    private static final TableRef NAT = new TableRef(Family.IP, "nat");

    @Test
    void readsTablesPerHostFromTerraformShowJsonIncludingChildModules() {
        String shown = """
                {"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{
                  "resources":[
                    {"address":"nftables_table.web","mode":"managed","type":"nftables_table","name":"web",
                     "values":{"id":"10.0.0.1/inet/web","host":"10.0.0.1","family":"inet","name":"web"}},
                    {"address":"data.nftables_table.x","mode":"data","type":"nftables_table","name":"x",
                     "values":{"id":"10.0.0.9/inet/x","host":"10.0.0.9","family":"inet","name":"x"}},
                    {"address":"null_resource.other","mode":"managed","type":"null_resource","name":"other",
                     "values":{"id":"1"}}],
                  "child_modules":[{"address":"module.edge","resources":[
                    {"address":"module.edge.nftables_table.nat","mode":"managed","type":"nftables_table",
                     "name":"nat","values":{"id":"10.0.0.1/ip/nat","host":"10.0.0.1","family":"ip","name":"nat"}},
                    {"address":"module.edge.nftables_table.web","mode":"managed","type":"nftables_table",
                     "name":"web","values":{"id":"edge-2/inet/web","host":"edge-2","family":"inet","name":"web"}}]}]
                }}}""";

        assertThat(TerraformState.parse(shown, "show.json"))
                .isEqualTo(Map.of("10.0.0.1", Set.of(NAT, WEB), "edge-2", Set.of(WEB)));
    }

    @Test
    void readsARawStateFileAndTakesTheHostFromTheIdWhenTheAttributeIsMissing() {
        String stored = """
                {"version":4,"terraform_version":"1.11.4","serial":3,"lineage":"x","outputs":{},"resources":[
                  {"mode":"managed","type":"nftables_table","name":"web","provider":"provider[\\"x\\"]",
                   "instances":[
                     {"schema_version":0,"attributes":{"id":"fw1.example.org/inet/web","family":"inet","name":"web"}},
                     {"schema_version":0,"attributes":{"id":"fw2/ip/nat","host":null,"family":"ip","name":"nat"}}]}]}
                """;

        assertThat(TerraformState.parse(stored, "terraform.tfstate"))
                .isEqualTo(Map.of("fw1.example.org", Set.of(WEB), "fw2", Set.of(NAT)));
    }

    @Test
    void anEmptyStateHasNoTables() {
        assertThat(TerraformState.parse("{\"format_version\":\"1.0\"}", "show.json"))
                .isEmpty();
    }

    @Test
    void rejectsWhatIsNotAState() {
        assertThatThrownBy(() -> TerraformState.parse("not json", "x.json"))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("x.json is not JSON");
        assertThatThrownBy(() -> TerraformState.parse("{\"hello\":1}", "x.json"))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("neither `terraform show -json` output");
    }

    @Test
    void aTableWithoutHostOrWithAnUnknownFamilyIsNamedInTheError() {
        String noHost = """
                {"version":4,"resources":[{"mode":"managed","type":"nftables_table","instances":[
                  {"attributes":{"id":"web","family":"inet","name":"web"}}]}]}""";
        String badFamily = """
                {"version":4,"resources":[{"mode":"managed","type":"nftables_table","instances":[
                  {"attributes":{"id":"h/inetx/web","host":"h","family":"inetx","name":"web"}}]}]}""";

        assertThatThrownBy(() -> TerraformState.parse(noHost, "s"))
                .hasMessageContaining("nftables_table web names no host");
        assertThatThrownBy(() -> TerraformState.parse(badFamily, "s")).hasMessageContaining("unknown family 'inetx'");
    }
}
