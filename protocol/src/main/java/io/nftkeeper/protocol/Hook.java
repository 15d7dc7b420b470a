package io.nftkeeper.protocol;

import java.util.Locale;

/** Where a base chain hooks into the packet path. Spelled in lowercase in scripts and on the wire. */
public enum Hook {
    PREROUTING,
    INPUT,
    FORWARD,
    OUTPUT,
    POSTROUTING,
    INGRESS,
    EGRESS;

    /** The nft keyword, e.g. {@code prerouting}. */
    public String nftName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
