package io.nftkeeper.protocol.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import java.util.List;

/**
 * The transaction to dry-run; the same shape as {@link ApplyParams} (a lock timeout there is ignored here).
 * {@code adopting}: existing tables the client is importing, whose adoption its apply will do first; the dry run
 * treats them as managed (it changes nothing), so a plan can import a table and change it.
 */
public record CheckParams(
        Transaction transaction,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TableRef> adopting) {

    public CheckParams {
        adopting = adopting == null ? List.of() : List.copyOf(adopting);
    }

    public CheckParams(Transaction transaction) {
        this(transaction, List.of());
    }
}
