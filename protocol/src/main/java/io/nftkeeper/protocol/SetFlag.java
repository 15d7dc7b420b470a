package io.nftkeeper.protocol;

import java.util.Locale;

/** Flags of a named set. Spelled in lowercase in scripts and on the wire. */
public enum SetFlag {
    CONSTANT,
    INTERVAL,
    TIMEOUT,
    DYNAMIC;

    /** The nft keyword, e.g. {@code constant}. */
    public String nftName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
