package io.nftkeeper.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * Flags of a table. nft 1.0.6 knows {@code dormant} (the table's base chains see no packets) and {@code owner},
 * which is left out on purpose: an owner table vanishes when the process that made it exits (the agent).
 */
public enum TableFlag {
    DORMANT;

    /** The nft keyword, e.g. {@code dormant}. */
    public String nftName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TableFlag> parse(String text) {
        for (TableFlag flag : values()) {
            if (flag.nftName().equals(text)) {
                return Optional.of(flag);
            }
        }
        return Optional.empty();
    }
}
