package io.nftkeeper.protocol;

import java.util.Locale;
import java.util.Optional;

/** The time unit of a {@link Limit}'s rate, as nft spells it after the slash ({@code 10/minute}). */
public enum RatePeriod {
    SECOND,
    MINUTE,
    HOUR,
    DAY,
    WEEK;

    /** The nft keyword, e.g. {@code minute}. */
    public String nftName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RatePeriod> parse(String text) {
        for (RatePeriod period : values()) {
            if (period.nftName().equals(text)) {
                return Optional.of(period);
            }
        }
        return Optional.empty();
    }
}
