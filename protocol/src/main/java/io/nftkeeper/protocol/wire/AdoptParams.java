package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.TableRef;

/** {@code lockTimeoutMs}: as in {@link ApplyParams}. */
public record AdoptParams(TableRef table, Long lockTimeoutMs) {

    public AdoptParams(TableRef table) {
        this(table, null);
    }
}
