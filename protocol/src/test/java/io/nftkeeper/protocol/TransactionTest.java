package io.nftkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransactionTest {

    @ParameterizedTest
    @EnumSource(Family.class)
    void addTableRendersOneAddCommand(Family family) {
        Transaction tx = Transaction.builder().add(new Table(family, "web")).build();

        assertThat(tx.toScript()).isEqualTo("add table " + family.nftName() + " web\n");
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void deleteTableRendersOneDeleteCommand(Family family) {
        Transaction tx = Transaction.builder().delete(new Table(family, "web")).build();

        assertThat(tx.toScript()).isEqualTo("delete table " + family.nftName() + " web\n");
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void destroyTableRendersAddThenDeleteBecauseNft106HasNoDestroy(Family family) {
        Transaction tx = Transaction.builder().destroy(new Table(family, "web")).build();

        assertThat(tx.toScript())
                .isEqualTo("add table " + family.nftName() + " web\n" + "delete table " + family.nftName() + " web\n");
    }

    @Test
    void onlyAddingInATableIsNoChangeBeyondAddingThere() {
        TableRef web = new TableRef(Family.INET, "web");
        TableRef other = new TableRef(Family.INET, "other");
        Transaction adds = Transaction.builder()
                .add(Chain.regular(web, "c"))
                .destroy(Chain.regular(other, "d"))
                .build();

        assertThat(adds.changesBeyondAdding(web)).isFalse();
        assertThat(adds.changesBeyondAdding(other)).isTrue();
        assertThat(Transaction.builder().flush(Chain.regular(web, "c")).build().changesBeyondAdding(web))
                .isTrue();
    }

    @Test
    void everyVerbHasAGoldenRenderingForTables() {
        // Fails when a verb is added without deciding how it renders.
        assertThat(Verb.values()).containsExactly(Verb.ADD, Verb.INSERT, Verb.DELETE, Verb.DESTROY, Verb.FLUSH);
    }

    @Test
    void commandsRenderInOrderIntoOneScript() {
        Transaction tx = Transaction.builder()
                .add(new Table(Family.INET, "a"))
                .destroy(new Table(Family.IP6, "b"))
                .delete(new Table(Family.NETDEV, "c"))
                .build();

        assertThat(tx.toScript()).isEqualTo("""
                add table inet a
                add table ip6 b
                delete table ip6 b
                delete table netdev c
                """);
        assertThat(tx.describe()).isEqualTo("add table inet a; destroy table ip6 b; delete table netdev c");
    }

    @Test
    void transactionIsImmutable() {
        Transaction tx = Transaction.builder().add(new Table(Family.INET, "a")).build();

        assertThatThrownBy(() -> tx.commands().add(new Command(Verb.ADD, new Table(Family.IP, "b"))))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void transactionsWithTheSameCommandsAreEqual() {
        Command add = new Command(Verb.ADD, new Table(Family.INET, "a"));

        assertThat(Transaction.of(List.of(add)))
                .isEqualTo(
                        Transaction.builder().add(new Table(Family.INET, "a")).build());
    }

    @Test
    void aTableWithAnInvalidNameCannotBeConstructed() {
        assertThatThrownBy(() -> new Table(Family.INET, "a;flush ruleset"))
                .isInstanceOf(InvalidIdentifierException.class)
                .isInstanceOf(NftkeeperException.class)
                .hasMessageContaining("table name \"a;flush ruleset\" is not a valid identifier");
        assertThatThrownBy(() -> new TableRef(Family.INET, "")).isInstanceOf(InvalidIdentifierException.class);
    }
}
