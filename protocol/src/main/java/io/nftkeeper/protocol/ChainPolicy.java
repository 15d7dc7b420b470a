package io.nftkeeper.protocol;

import java.util.Locale;

/** What a base chain does with packets no rule decided on. Spelled in lowercase in scripts and on the wire. */
public enum ChainPolicy {
    ACCEPT,
    DROP;

    /** The nft keyword, e.g. {@code accept}. */
    public String nftName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
