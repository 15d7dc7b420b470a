package io.nftkeeper.provider.datasources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.wire.TableListing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulesetDataSourceTest {

    private static final TableListing KUBE_PROXY = listing(Family.IP, "kube-proxy", false);
    private static final TableListing WEB = listing(Family.INET, "web", true);

    private static TableListing listing(Family family, String name, boolean managed) {
        return TableListing.present(
                new TableRef(family, name),
                managed,
                LiveTable.empty(new TableRef(family, name)),
                "table " + family.nftName() + " " + name + " {\n}\n");
    }

    @Test
    void everyTableOfTheHostIsListedWithItsOwnershipAndText() {
        RulesetDataSource.State state = RulesetDataSource.State.of("web1", null, List.of(KUBE_PROXY, WEB));

        assertThat(state.id()).isEqualTo("web1");
        assertThat(state.tables())
                .containsExactly(
                        new RulesetDataSource.TableState(
                                "ip", "kube-proxy", false, "table ip kube-proxy {\n}\n", Map.of(), Map.of(), List.of()),
                        new RulesetDataSource.TableState(
                                "inet", "web", true, "table inet web {\n}\n", Map.of(), Map.of(), List.of()));
        Value value = Values.fromRecord(RulesetDataSource.schemaV0().objectType(), state);
        assertThat(value.get("tables").asList().get(0).get("managed")).isEqualTo(Value.bool(false));
    }

    @Test
    void aFamilyFilterKeepsOnlyThatFamilyAndNamesItInTheId() {
        RulesetDataSource.State state = RulesetDataSource.State.of("web1", "inet", List.of(KUBE_PROXY, WEB));

        assertThat(state.id()).isEqualTo("web1/inet");
        assertThat(state.tables())
                .extracting(RulesetDataSource.TableState::name)
                .containsExactly("web");
    }

    @Test
    void aTableThatVanishedWhileListingIsLeftOut() {
        TableListing gone = TableListing.absent(new TableRef(Family.IP6, "gone"), false);

        assertThat(RulesetDataSource.State.of("web1", null, List.of(gone, WEB)).tables())
                .extracting(RulesetDataSource.TableState::name)
                .containsExactly("web");
    }
}
