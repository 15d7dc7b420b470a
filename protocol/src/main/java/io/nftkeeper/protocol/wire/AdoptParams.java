package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.TableRef;

/**
 * {@code lockTimeoutMs}: as in {@link ApplyParams}. {@code owner}: the owner ID the table is adopted for (null:
 * none, as 0.1.0 adopted). A table another owner manages is adopted only with {@code takeover}; a table that was
 * re-created outside nftkeeper since it was created or adopted is adopted as the new table it is.
 */
public record AdoptParams(TableRef table, Long lockTimeoutMs, String owner, Boolean takeover) {

    public AdoptParams(TableRef table) {
        this(table, null, null, null);
    }

    public AdoptParams(TableRef table, Long lockTimeoutMs) {
        this(table, lockTimeoutMs, null, null);
    }

    public AdoptParams(TableRef table, String owner, boolean takeover) {
        this(table, null, owner, takeover ? Boolean.TRUE : null);
    }

    public boolean takesOver() {
        return Boolean.TRUE.equals(takeover);
    }
}
