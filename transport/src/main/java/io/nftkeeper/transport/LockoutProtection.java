package io.nftkeeper.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Which applies are commit-confirmed, and how long the agent waits for the confirmation before it restores the
 * previous ruleset. {@link #OFF}: applies commit for good at once.
 *
 * @param scope          the changes that are provisional until a new SSH connection confirms them
 *                       ({@link ConfirmedApply})
 * @param confirmTimeout the agent rolls back this long after the commit unless confirmed
 */
public record LockoutProtection(Scope scope, Duration confirmTimeout) {

    /** Which changes are confirmed. */
    public enum Scope {
        /** None: every change commits for good at once. */
        NONE,
        /**
         * Changes to base chains that the packets of an SSH session to the host pass: those hooked on prerouting,
         * input or output ({@link LocalTrafficChains}). The provider's default.
         */
        LOCAL_TRAFFIC_CHAINS,
        /** Every change. */
        ALL
    }

    public static final Duration DEFAULT_CONFIRM_TIMEOUT = Duration.ofSeconds(30);
    /** Below this a slow but healthy login (or a JVM starting on a loaded host) would roll back good changes. */
    public static final Duration MIN_CONFIRM_TIMEOUT = Duration.ofSeconds(5);
    /** The longest a host should sit locked out before it is restored. */
    public static final Duration MAX_CONFIRM_TIMEOUT = Duration.ofHours(1);

    public static final LockoutProtection OFF = new LockoutProtection(Scope.NONE, DEFAULT_CONFIRM_TIMEOUT);

    public LockoutProtection {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(confirmTimeout, "confirmTimeout");
        if (scope != Scope.NONE
                && (confirmTimeout.compareTo(MIN_CONFIRM_TIMEOUT) < 0
                        || confirmTimeout.compareTo(MAX_CONFIRM_TIMEOUT) > 0)) {
            throw new IllegalArgumentException("confirm timeout must be between " + MIN_CONFIRM_TIMEOUT.toSeconds()
                    + " s and " + MAX_CONFIRM_TIMEOUT.toSeconds() + " s: " + confirmTimeout);
        }
    }

    /** Every change confirmed within {@code confirmTimeout}. */
    public static LockoutProtection confirmWithin(Duration confirmTimeout) {
        return new LockoutProtection(Scope.ALL, confirmTimeout);
    }

    /** Changes to base chains on prerouting, input and output confirmed within {@code confirmTimeout}. */
    public static LockoutProtection localTrafficChainsWithin(Duration confirmTimeout) {
        return new LockoutProtection(Scope.LOCAL_TRAFFIC_CHAINS, confirmTimeout);
    }

    public boolean enabled() {
        return scope != Scope.NONE;
    }
}
