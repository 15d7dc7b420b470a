package io.nftkeeper.protocol.wire;

/**
 * One difference between live and baseline. {@code object} names it the way nft would (e.g.
 * {@code rule inet web input #2}, positions counted from 1); {@code live} and {@code baseline} are the canonical
 * JSON of each side, null on the side where the object does not exist; for a rule, its text as the host's nft prints
 * it (JSON only where a baseline recorded before rule texts were kept has none). {@code handle} is a live rule's
 * handle, null for anything else.
 */
public record DriftChange(Kind kind, Change change, String object, String live, String baseline, Long handle) {

    public DriftChange(Kind kind, Change change, String object, String live, String baseline) {
        this(kind, change, object, live, baseline, null);
    }

    /** Spelled in lowercase on the wire. */
    public enum Kind {
        TABLE,
        CHAIN,
        RULE,
        SET,
        ELEMENT,
        /** A named stateful object or flowtable (counter, quota, limit, ct helper, ...). */
        OBJECT
    }

    /** Spelled in lowercase on the wire; seen from the baseline: ADDED means only live has it. */
    public enum Change {
        ADDED,
        REMOVED,
        CHANGED
    }
}
