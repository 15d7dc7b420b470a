package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.TableRef;
import java.util.List;
import java.util.Optional;

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

    /**
     * The read-back listing of {@code table}, if this answer has one: the table right after this transaction, which
     * holds its own objects as they were committed even when other changes overlapped it.
     */
    public Optional<TableListing> readBackOf(TableRef table) {
        return tables == null
                ? Optional.empty()
                : tables.stream()
                        .filter(listing -> listing.table().equals(table))
                        .findFirst();
    }

    /** This answer with the read-back {@code listings}. */
    public ApplyResult withTables(List<TableListing> listings) {
        return new ApplyResult(script, replayed, listings);
    }
}
