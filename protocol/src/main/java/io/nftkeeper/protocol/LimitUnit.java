package io.nftkeeper.protocol;

import java.util.Locale;

/** What a {@link Limit} counts. Spelled in lowercase in scripts and on the wire. */
public enum LimitUnit {
    PACKETS,
    BYTES;

    /** The nft keyword, e.g. {@code bytes}. */
    public String nftName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
