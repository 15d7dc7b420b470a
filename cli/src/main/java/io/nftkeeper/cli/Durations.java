package io.nftkeeper.cli;

import io.nftkeeper.protocol.NftDuration;
import java.time.Duration;
import java.util.Locale;

/** Durations on command lines and in job files, and their short human form. */
public final class Durations {

    private Durations() {}

    /** Parses {@code text} in nft's spelling ({@code 500ms}, {@code 2m}, {@code 1h30m}); a bare number means seconds. */
    public static Duration parse(String text) {
        String trimmed = text.strip();
        return NftDuration.parse(trimmed.matches("\\d{1,9}") ? trimmed + "s" : trimmed)
                .orElseThrow(() -> new CliException(NftDuration.syntaxHelp(text)));
    }

    /** Short human form: {@code 850 ms}, {@code 12.3 s}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
