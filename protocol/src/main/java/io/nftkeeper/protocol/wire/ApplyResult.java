package io.nftkeeper.protocol.wire;

import java.util.List;

/**
 * {@code script} is the exact nft text the agent ran. {@code replayed} is true when the transaction id was already
 * committed earlier and nothing ran now (the script is then what the transaction renders to). {@code tables}: with
 * {@link ApplyParams#readBack()}, the listings of the tables the transaction touched, in the order of their first
 * command, listed right after it; otherwise null.
 */
public record ApplyResult(String script, Boolean replayed, List<TableListing> tables) {

    /** Agents before txIds did not send {@code replayed}: absent means false, never null. */
    public ApplyResult {
        replayed = Boolean.TRUE.equals(replayed);
        tables = tables == null ? null : List.copyOf(tables);
    }

    public ApplyResult(String script, Boolean replayed) {
        this(script, replayed, null);
    }

    public ApplyResult(String script) {
        this(script, false);
    }

    /** This answer with the read-back {@code listings}. */
    public ApplyResult withTables(List<TableListing> listings) {
        return new ApplyResult(script, replayed, listings);
    }
}
