package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.NftSet;
import java.util.Objects;

/**
 * A request about the elements of one named set as a whole, for sets too large for element-by-element bookkeeping
 * in the provider. {@code set} is the set's declaration without elements (used to create it, or to refill it in one
 * batch). {@code packed} is the wanted element list ({@link PackedElements}); absent for {@link Action#DIGEST}.
 * {@code samples} bounds how many differing elements each side of a summary names.
 */
public record ElementsParams(NftSet set, Action action, String packed, Integer samples, Long lockTimeoutMs) {

    /** What the agent does with the elements. */
    public enum Action {
        /** Lists the host's set and answers its canonical digest, and what differs from the last apply. */
        DIGEST,
        /** Dry-runs adding the elements; an invalid one is answered with its index. Changes nothing. */
        CHECK,
        /** Makes the set hold exactly these elements in one batch (a delta where it is exact), then digests it. */
        APPLY
    }

    public static final int DEFAULT_SAMPLES = 5;

    public ElementsParams {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(action, "action");
        if (action != Action.DIGEST && packed == null) {
            throw new IllegalArgumentException(action + " needs the packed elements");
        }
        samples = samples == null ? DEFAULT_SAMPLES : Math.max(0, Math.min(samples, 100));
    }
}
