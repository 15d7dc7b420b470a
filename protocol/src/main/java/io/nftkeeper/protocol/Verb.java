package io.nftkeeper.protocol;

/** What a {@link Command} does to its object. */
public enum Verb {
    /** Create, or leave alone if it exists (nft {@code add} is idempotent for tables). */
    ADD,
    /** Remove; fails if absent. */
    DELETE,
    /** Remove if present; succeeds if absent. */
    DESTROY
}
