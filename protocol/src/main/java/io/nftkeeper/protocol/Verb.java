package io.nftkeeper.protocol;

/** What a {@link Command} does to its object. Not every verb applies to every kind (see {@link Command}). */
public enum Verb {
    /**
     * Create, or leave alone if it exists (nft {@code add} is idempotent for tables, chains and sets). A rule is
     * appended to its chain, or added after the rule whose handle it carries.
     */
    ADD,
    /** Rules only: insert at the top of the chain, or before the rule whose handle the rule carries. */
    INSERT,
    /** Remove; fails if absent. */
    DELETE,
    /** Remove if present; succeeds if absent. */
    DESTROY,
    /** Empty a table, chain or set, keeping the object itself. */
    FLUSH
}
