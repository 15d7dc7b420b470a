package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.BaseChain;
import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.ChainPolicy;
import io.nftkeeper.protocol.ChainType;
import io.nftkeeper.protocol.Element;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Hook;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.Priority;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.live.LiveBaseChain;
import io.nftkeeper.protocol.live.LiveChain;
import io.nftkeeper.protocol.live.LiveRule;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.wire.TableListing;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Which transactions lockout protection confirms by default: those touching base chains SSH passes. */
class LocalTrafficChainsTest {

    private static final TableRef FILTER = new TableRef(Family.INET, "filter");
    private static final TableRef BRIDGE = new TableRef(Family.BRIDGE, "br");

    private final List<List<TableRef>> listed = new ArrayList<>();

    @Test
    void aBaseChainCreatedOrChangedOnPreroutingInputOrOutputIsConfirmedWithoutAskingTheHost() {
        for (Hook hook : List.of(Hook.PREROUTING, Hook.INPUT, Hook.OUTPUT)) {
            Chain chain = base(FILTER, "c", hook);
            assertThat(touched(Transaction.builder()
                            .add(chain)
                            .add(new Rule(FILTER, "c", "tcp dport 22 drop"))
                            .build()))
                    .as(hook.nftName())
                    .isTrue();
        }
        assertThat(touched(Transaction.builder()
                        .add(base(BRIDGE, "in", Hook.INPUT))
                        .build()))
                .as("any family with the hook")
                .isTrue();
        assertThat(listed).as("the transaction alone told").isEmpty();
    }

    @Test
    void forwardPostroutingAndIngressChainsAndTheirRulesAreNot() {
        for (Hook hook : List.of(Hook.FORWARD, Hook.POSTROUTING)) {
            Chain chain = base(FILTER, "c", hook);
            assertThat(touched(Transaction.builder()
                            .add(chain)
                            .flush(chain)
                            .add(new Rule(FILTER, "c", "drop"))
                            .build()))
                    .as(hook.nftName())
                    .isFalse();
        }
        assertThat(listed)
                .as("the chain's rules are known to be in a forward chain")
                .isEmpty();
    }

    @Test
    void aRuleOrDeleteNamingAChainOnlyIsDecidedByTheHostsChain() {
        Function<List<TableRef>, List<TableListing>> host = hostWith(
                FILTER, chain("input", "input"), chain("fwd", "forward"), new LiveChain("helper", null, List.of()));

        assertThat(touched(rule("input", 7L), host)).isTrue();
        assertThat(touched(rule("fwd", 7L), host)).isFalse();
        assertThat(touched(rule("helper", 7L), host))
                .as("regular chains are not followed")
                .isFalse();
        assertThat(touched(
                        Transaction.builder()
                                .destroy(Chain.regular(FILTER, "input"))
                                .build(),
                        host))
                .isTrue();
        assertThat(touched(
                        Transaction.builder()
                                .destroy(Chain.regular(FILTER, "fwd"))
                                .build(),
                        host))
                .isFalse();
        assertThat(touched(
                        Transaction.builder()
                                .destroy(Chain.regular(FILTER, "gone"))
                                .build(),
                        host))
                .as("a chain the host does not have")
                .isFalse();
        assertThat(listed).allSatisfy(tables -> assertThat(tables).containsExactly(FILTER));
    }

    @Test
    void aTableDeletedOrChangedIsConfirmedWhenTheHostsTableHasSuchAChain() {
        Function<List<TableRef>, List<TableListing>> withInput = hostWith(FILTER, chain("in", "input"));
        Function<List<TableRef>, List<TableListing>> forwardOnly = hostWith(FILTER, chain("fwd", "forward"));
        Table table = new Table(Family.INET, "filter");

        assertThat(touched(Transaction.builder().destroy(table).build(), withInput))
                .isTrue();
        assertThat(touched(Transaction.builder().delete(table).build(), withInput))
                .isTrue();
        assertThat(touched(Transaction.builder().add(table).build(), withInput))
                .as("e.g. its flags changed: dormant no more")
                .isTrue();
        assertThat(touched(Transaction.builder().destroy(table).build(), forwardOnly))
                .isFalse();
        assertThat(touched(
                        Transaction.builder().add(table).build(),
                        tables -> tables.stream()
                                .map(t -> TableListing.absent(t, false))
                                .toList()))
                .as("a new table")
                .isFalse();
    }

    @Test
    void aSetOrMapIsConfirmedWhenARuleOfSuchAChainNamesIt() {
        Function<List<TableRef>, List<TableListing>> host = hostWith(
                FILTER,
                new LiveChain(
                        "input",
                        new LiveBaseChain("filter", "input", "filter", "drop", List.of()),
                        List.of(new LiveRule("ip saddr @admins tcp dport 22 accept", null, null, 3, null, null))),
                new LiveChain(
                        "fwd",
                        new LiveBaseChain("filter", "forward", "filter", "drop", List.of()),
                        List.of(new LiveRule("ip saddr @blocked drop", null, null, 4, null, null))));

        assertThat(touched(elements("admins"), host)).isTrue();
        assertThat(touched(Transaction.builder().destroy(set("admins")).build(), host))
                .isTrue();
        assertThat(touched(elements("blocked"), host))
                .as("used by a forward chain only")
                .isFalse();
        assertThat(touched(elements("admin"), host)).as("@admins is not @admin").isFalse();
    }

    private boolean touched(Transaction transaction) {
        return touched(transaction, tables -> {
            throw new AssertionError("the host was asked about " + tables);
        });
    }

    private boolean touched(Transaction transaction, Function<List<TableRef>, List<TableListing>> host) {
        return LocalTrafficChains.touchedBy(transaction, tables -> {
            listed.add(tables);
            return host.apply(tables);
        });
    }

    private static NftSet set(String name) {
        return NftSet.builder(FILTER, name).type("ipv4_addr").build();
    }

    private static Transaction elements(String set) {
        return Transaction.builder()
                .add(new Element(FILTER, set, List.of("10.213.0.1")))
                .build();
    }

    private static Transaction rule(String chain, long handle) {
        return Transaction.builder()
                .delete(new Rule(FILTER, chain, "accept", null, handle))
                .build();
    }

    private static Chain base(TableRef table, String name, Hook hook) {
        return new Chain(table, name, new BaseChain(ChainType.FILTER, hook, Priority.of(0), ChainPolicy.ACCEPT));
    }

    private static LiveChain chain(String name, String hook) {
        return new LiveChain(name, new LiveBaseChain("filter", hook, "filter", "accept", List.of()), List.of());
    }

    private static Function<List<TableRef>, List<TableListing>> hostWith(TableRef table, LiveChain... chains) {
        LiveTable live = LiveTable.empty(table).withChains(List.of(chains));
        return tables -> tables.stream()
                .map(t -> t.equals(table) ? TableListing.present(t, true, live, "") : TableListing.absent(t, true))
                .toList();
    }
}
