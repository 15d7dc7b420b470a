package io.nftkeeper.protocol;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in nft's spelling, {@code 1d2h3m4s5ms}: at least one part, each unit once, largest first. The one parser
 * of durations: set and map timeouts, the provider's own settings and the CLI's flags all take this form.
 */
public final class NftDuration {

    private static final Pattern FORMAT = Pattern.compile(
            "(?:(\\d{1,9})d)?(?:(\\d{1,9})h)?(?:(\\d{1,9})m(?!s))?" + "(?:(\\d{1,12})s)?(?:(\\d{1,12})ms)?");
    private static final long[] UNIT_MS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    private static final String[] UNITS = {"d", "h", "m", "s", "ms"};

    private NftDuration() {}

    /** The duration {@code text} spells, if it is one and longer than zero. */
    public static Optional<Duration> parse(String text) {
        return millis(text).map(Duration::ofMillis);
    }

    /** {@link #parse} in milliseconds. */
    public static Optional<Long> millis(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long total = 0;
        for (int i = 0; i < UNIT_MS.length; i++) {
            if (m.group(i + 1) != null) {
                total += Long.parseLong(m.group(i + 1)) * UNIT_MS[i];
            }
        }
        return total > 0 ? Optional.of(total) : Optional.empty();
    }

    /** {@code ms} in nft's spelling, largest units first: {@code 90000} → {@code 1m30s}. */
    public static String text(long ms) {
        StringBuilder out = new StringBuilder();
        long rest = ms;
        for (int i = 0; i < UNIT_MS.length; i++) {
            if (rest >= UNIT_MS[i]) {
                out.append(rest / UNIT_MS[i]).append(UNITS[i]);
                rest %= UNIT_MS[i];
            }
        }
        return out.length() == 0 ? "0s" : out.toString();
    }

    /** What to write instead of {@code text}. */
    public static String syntaxHelp(String text) {
        return "\"" + text + "\" is not a duration: write e.g. `30s`, `10m`, `1h30m` or `2d` (units d, h, m, s, ms, "
                + "largest first).";
    }
}
