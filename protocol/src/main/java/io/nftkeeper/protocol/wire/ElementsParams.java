package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.NftSet;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request about the elements of one named set as a whole, for sets too large for element-by-element bookkeeping
 * in the provider. {@code set} is the set's declaration without elements (used to create it, or to refill it in one
 * batch). {@code packed} is the wanted element list ({@link PackedElements}); absent for {@link Action#DIGEST}.
 * {@code samples} bounds how many differing elements each side of a summary names. {@code contributor}, when given,
 * makes the request about one contribution to a set owned elsewhere ({@code nftables_set_elements}) instead of the
 * whole set: only the elements this contributor added are compared, deleted and digested; the set must exist and its
 * declaration is used only for its table and name.
 */
public record ElementsParams(
        NftSet set, Action action, String packed, Integer samples, Long lockTimeoutMs, String contributor) {

    /** What the agent does with the elements. */
    public enum Action {
        /** Lists the host's set and answers its canonical digest, and what differs from the last apply. */
        DIGEST,
        /** Dry-runs adding the elements; an invalid one is answered with its index. Changes nothing. */
        CHECK,
        /**
         * Makes the set hold exactly these elements in one batch (a delta where it is exact), then digests it; for a
         * contributor, makes its contribution exactly these elements (none: withdraws it and forgets its record).
         */
        APPLY
    }

    public static final int DEFAULT_SAMPLES = 5;

    private static final Pattern CONTRIBUTOR = Pattern.compile("[0-9A-Za-z_-]{1,64}");

    public ElementsParams {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(action, "action");
        if (action != Action.DIGEST && packed == null) {
            throw new IllegalArgumentException(action + " needs the packed elements");
        }
        if (contributor != null && !CONTRIBUTOR.matcher(contributor).matches()) {
            throw new IllegalArgumentException("contributor must be 1 to 64 letters, digits, _ or -");
        }
        samples = samples == null ? DEFAULT_SAMPLES : Math.max(0, Math.min(samples, 100));
    }
}
