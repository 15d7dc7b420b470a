package io.nftkeeper.protocol;

/** The closed set of nftables objects a {@link Command} can act on. */
public sealed interface NftObject
        permits Table, Chain, Rule, NftSet, NftMap, Element, Counter, Quota, Limit, NamedObject {

    /** The table this object lives in: the unit of ownership. */
    TableRef table();

    /** Human and nft spelling of the object's identity, e.g. {@code table inet web}. */
    String describe();
}
