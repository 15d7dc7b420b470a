package io.nftkeeper.protocol;

import java.util.Locale;

/** How the kernel picks a set's data structure. Spelled in lowercase in scripts and on the wire. */
public enum SetPolicy {
    PERFORMANCE,
    MEMORY;

    /** The nft keyword, e.g. {@code performance}. */
    public String nftName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
