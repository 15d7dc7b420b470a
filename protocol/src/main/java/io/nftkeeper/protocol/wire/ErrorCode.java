package io.nftkeeper.protocol.wire;

/** Why an agent call failed. Serialised by name, e.g. {@code "NOT_FOUND"}. */
public enum ErrorCode {
    /** The request or the nft script was rejected as malformed or not applicable. */
    INVALID,
    NOT_FOUND,
    ALREADY_EXISTS,
    /** The object lives in a table nftkeeper does not manage. */
    NOT_OWNED,
    LOCKED,
    /** Provider and agent speak different protocol versions. */
    INCOMPATIBLE,
    /** The agent cannot be reached or did not answer. */
    UNAVAILABLE,
    /** A bug in the agent. */
    INTERNAL
}
