package io.nftkeeper.protocol.wire;

/**
 * One difference between live and baseline. {@code object} names it the way nft would (e.g.
 * {@code rule inet web input #2}, positions counted from 1); {@code live} and {@code baseline} are the canonical
 * JSON of each side, null on the side where the object does not exist.
 */
public record DriftChange(Kind kind, Change change, String object, String live, String baseline) {

    /** Spelled in lowercase on the wire. */
    public enum Kind {
        TABLE, CHAIN, RULE, SET, ELEMENT,
        /** A named stateful object or flowtable (counter, quota, limit, ct helper, ...). */
        OBJECT
    }

    /** Spelled in lowercase on the wire; seen from the baseline: ADDED means only live has it. */
    public enum Change { ADDED, REMOVED, CHANGED }
}
