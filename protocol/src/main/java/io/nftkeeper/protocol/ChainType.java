package io.nftkeeper.protocol;

import java.util.Locale;

/** The type of a base chain. Spelled in lowercase in scripts and on the wire. */
public enum ChainType {
    FILTER,
    NAT,
    ROUTE;

    /** The nft keyword, e.g. {@code filter}. */
    public String nftName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
