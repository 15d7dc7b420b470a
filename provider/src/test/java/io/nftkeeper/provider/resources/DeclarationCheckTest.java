package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.diag.Diagnostic;
import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.protocol.NftMap;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AdoptParams;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ApplyResult;
import io.nftkeeper.protocol.wire.CheckResult;
import io.nftkeeper.protocol.wire.ElementsParams;
import io.nftkeeper.protocol.wire.ElementsResult;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.ListResult;
import io.nftkeeper.transport.AgentCalls;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A set's or map's declaration goes through the host's nft at plan; what nft refuses fails the plan there. */
class DeclarationCheckTest {

    private static final TableId TABLE = TableId.parse("web1/inet/filter").orElseThrow();

    private final List<Transaction> checked = new ArrayList<>();

    @Test
    void theScratchMapIsDryRunInItsTableAndARefusalIsAnErrorOnTypeof() {
        NftMap declared = NftMap.builder(TABLE.table(), "by_source")
                .typeof("ip saddrr")
                .value("verdict")
                .build();
        Diagnostics diagnostics = new Diagnostics();

        boolean accepted = PlannedElements.checkDeclaration(
                refusing(new AgentException(ErrorCode.INVALID, null, "syntax error, unexpected string")),
                TABLE,
                PlannedElements.scratch(declared),
                "map inet filter by_source",
                true,
                new TableOwners(),
                diagnostics);

        assertThat(accepted).isFalse();
        assertThat(checked).hasSize(1);
        assertThat(checked.get(0).commands()).hasSize(2);
        Diagnostic error = diagnostics.asList().get(0);
        assertThat(error.path()).isEqualTo(Path.root("typeof"));
        assertThat(error.detail())
                .isEqualTo("The host's nft refuses the declaration of map inet filter by_source: "
                        + "syntax error, unexpected string");
    }

    @Test
    void aHostThatCannotBeAskedLeavesTheVerdictToTheApply() {
        NftSet declared =
                NftSet.builder(TABLE.table(), "allowed").type("ipv4_addr").build();
        Diagnostics diagnostics = new Diagnostics();

        boolean accepted = PlannedElements.checkDeclaration(
                refusing(new AgentException(ErrorCode.UNAVAILABLE, null, "the agent connection closed")),
                TABLE,
                PlannedElements.scratch(declared),
                "set inet filter allowed",
                false,
                new TableOwners(),
                diagnostics);

        assertThat(accepted).isTrue();
        assertThat(diagnostics.asList()).isEmpty();
    }

    /** An agent whose every dry run fails with {@code refusal}, recording what it was asked. */
    private AgentCalls refusing(AgentException refusal) {
        return new AgentCalls() {
            @Override
            public String host() {
                return TABLE.host();
            }

            @Override
            public ListResult list(List<TableRef> tables) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ListResult listAfresh(ListParams params) {
                throw new UnsupportedOperationException();
            }

            @Override
            public CheckResult check(Transaction transaction, List<TableRef> adopting) {
                checked.add(transaction);
                throw refusal;
            }

            @Override
            public ElementsResult elements(ElementsParams params) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void adopt(AdoptParams params) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ApplyResult apply(Transaction transaction) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
