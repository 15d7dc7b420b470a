package io.nftkeeper.cli.trace;

import io.nftkeeper.protocol.BaseChain;
import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.ChainPolicy;
import io.nftkeeper.protocol.ChainType;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Hook;
import io.nftkeeper.protocol.Priority;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A temporary table of its own holding one base chain at prerouting priority -301 (before conntrack, -200, and
 * before raw, -300) with one rule: {@code <match> meta nftrace set 1}. Its own table, so installing and removing it
 * never touches another table; a random suffix, so two traces on one host do not collide.
 */
record TraceChain(TableRef table, Chain chain, Rule rule) {

    static final int PRIORITY = -301;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code match} is nft rule syntax, e.g. {@code icmp type echo-request}; the protocol validates it. */
    static TraceChain matching(String match) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        TableRef table =
                new TableRef(Family.INET, "nftkeeper_trace_" + HexFormat.of().formatHex(suffix));
        Chain chain = new Chain(
                table,
                "prerouting",
                new BaseChain(ChainType.FILTER, Hook.PREROUTING, Priority.of(PRIORITY), ChainPolicy.ACCEPT));
        return new TraceChain(table, chain, new Rule(table, "prerouting", match.strip() + " meta nftrace set 1"));
    }

    /** One transaction: table, chain and rule appear together. */
    Transaction install() {
        return Transaction.builder()
                .add(new Table(table.family(), table.name()))
                .add(chain)
                .add(rule)
                .build();
    }

    /** One transaction: deleting the table removes chain and rule with it. */
    Transaction remove() {
        return Transaction.builder()
                .delete(new Table(table.family(), table.name()))
                .build();
    }
}
