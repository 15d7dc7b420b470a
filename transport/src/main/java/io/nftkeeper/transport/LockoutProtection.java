package io.nftkeeper.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether applies are commit-confirmed, and how long the agent waits for the confirmation before it restores the
 * previous ruleset. {@link #OFF}: applies commit for good at once.
 *
 * @param enabled        each apply is provisional until a new SSH connection confirms it ({@link ConfirmedApply})
 * @param confirmTimeout the agent rolls back this long after the commit unless confirmed
 */
public record LockoutProtection(boolean enabled, Duration confirmTimeout) {

    public static final Duration DEFAULT_CONFIRM_TIMEOUT = Duration.ofSeconds(30);
    /** Below this a slow but healthy login (or a JVM starting on a loaded host) would roll back good changes. */
    public static final Duration MIN_CONFIRM_TIMEOUT = Duration.ofSeconds(5);
    /** The longest a host should sit locked out before it is restored. */
    public static final Duration MAX_CONFIRM_TIMEOUT = Duration.ofHours(1);
    public static final LockoutProtection OFF = new LockoutProtection(false, DEFAULT_CONFIRM_TIMEOUT);

    private static final Pattern DURATION = Pattern.compile("(?:(\\d{1,4})h)?(?:(\\d{1,4})m)?(?:(\\d{1,6})s)?");

    public LockoutProtection {
        Objects.requireNonNull(confirmTimeout, "confirmTimeout");
        if (enabled && (confirmTimeout.compareTo(MIN_CONFIRM_TIMEOUT) < 0
                || confirmTimeout.compareTo(MAX_CONFIRM_TIMEOUT) > 0)) {
            throw new IllegalArgumentException("confirm timeout must be between " + MIN_CONFIRM_TIMEOUT.toSeconds()
                    + " s and " + MAX_CONFIRM_TIMEOUT.toSeconds() + " s: " + confirmTimeout);
        }
    }

    public static LockoutProtection confirmWithin(Duration confirmTimeout) {
        return new LockoutProtection(true, confirmTimeout);
    }

    /** {@code 30s}, {@code 2m}, {@code 1m30s}, {@code 1h}: units h, m, s, largest first; empty when not that. */
    public static Optional<Duration> parseTimeout(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip());
        if (text == null || text.isBlank() || !m.matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        if (m.group(1) != null) {
            total = total.plusHours(Long.parseLong(m.group(1)));
        }
        if (m.group(2) != null) {
            total = total.plusMinutes(Long.parseLong(m.group(2)));
        }
        if (m.group(3) != null) {
            total = total.plusSeconds(Long.parseLong(m.group(3)));
        }
        return Optional.of(total);
    }
}
