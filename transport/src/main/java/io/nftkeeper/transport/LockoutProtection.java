package io.nftkeeper.transport;

import java.time.Duration;
import java.util.Objects;

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

    public LockoutProtection {
        Objects.requireNonNull(confirmTimeout, "confirmTimeout");
        if (enabled
                && (confirmTimeout.compareTo(MIN_CONFIRM_TIMEOUT) < 0
                        || confirmTimeout.compareTo(MAX_CONFIRM_TIMEOUT) > 0)) {
            throw new IllegalArgumentException("confirm timeout must be between " + MIN_CONFIRM_TIMEOUT.toSeconds()
                    + " s and " + MAX_CONFIRM_TIMEOUT.toSeconds() + " s: " + confirmTimeout);
        }
    }

    public static LockoutProtection confirmWithin(Duration confirmTimeout) {
        return new LockoutProtection(true, confirmTimeout);
    }
}
