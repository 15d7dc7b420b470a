package io.nftkeeper.agent.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentException;
import org.junit.jupiter.api.Test;

/** A dry run that kills nft is bisected like a refusal, and named as a crash of the rule's place in its chain. */
class CrashedCheckTest {

    private static final TableRef TABLE = new TableRef(Family.INET, "t");

    /** Dies, as nft 1.0.6 does, on any script with a set inside a set. */
    private static final class CrashingNftables extends FakeNftables {
        @Override
        public void dryRun(String script) {
            if (script.contains("{ {")) {
                throw new NftCrash(
                        "nft crashed (signal 6): nft: netlink.c:129: alloc_nftnl_setelem: Assertion `0' " + "failed.");
            }
            super.dryRun(script);
        }
    }

    @Test
    void theCrashNamesTheRuleByItsPlaceInItsChain() {
        Transaction tx = Transaction.builder()
                .add(new Table(Family.INET, "t"))
                .add(new Rule(TABLE, "c", "tcp dport 22 accept"))
                .add(new Rule(TABLE, "other", "tcp dport 80 accept"))
                .add(new Rule(TABLE, "c", "ip saddr { { 1.1.1.1 } } accept"))
                .add(new Rule(TABLE, "c", "drop"))
                .build();
        AgentException error = new FailingCommandLocator(new CrashingNftables())
                .explain(tx, new NftCrash("nft crashed (signal 6)"), true);

        assertThat(error.getMessage())
                .startsWith("nft crashed while checking rule 2 of chain inet t c (ip saddr "
                        + "{ { 1.1.1.1 } } accept): nft crashed (signal 6): nft: netlink.c:129")
                .endsWith("the ruleset is unchanged");
    }

    @Test
    void aRefusalIsStillReportedAsNftsOwnError() {
        Transaction tx = Transaction.builder()
                .add(new Table(Family.INET, "t"))
                .add(new Rule(TABLE, "c", "tcp dport 22 accept"))
                .build();
        AgentException error = new FailingCommandLocator(new CrashingNftables())
                .explain(tx, NftFailure.fromErrorText("Error: syntax error"), true);

        assertThat(error.getMessage()).doesNotContain("crashed");
    }
}
