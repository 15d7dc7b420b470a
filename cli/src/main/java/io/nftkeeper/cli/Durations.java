package io.nftkeeper.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them on command lines and in job files: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
public final class Durations {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private Durations() {
    }

    /** Parses {@code text}; a bare number means seconds. The result is positive. */
    public static Duration parse(String text) {
        String trimmed = text.strip();
        Matcher matcher = FORMAT.matcher(trimmed.matches("\\d{1,9}") ? trimmed + "s" : trimmed);
        if (!matcher.matches()) {
            throw new CliException("'" + text + "' is not a duration: write e.g. 500ms, 30s, 2m or 1h");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (duration.isZero()) {
            throw new CliException("the duration '" + text + "' must be greater than zero");
        }
        return duration;
    }

    /** Short human form: {@code 850 ms}, {@code 12.3 s}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
