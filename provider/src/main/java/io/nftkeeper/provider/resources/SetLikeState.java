package io.nftkeeper.provider.resources;

import java.util.Collection;

/** What {@link SetLikeResource} reads of a set's or map's state record besides its table and name. */
interface SetLikeState extends TableObjectState {

    /** The configured elements as nft writes them (a map's as {@code key : value}). */
    Collection<String> configuredElements();

    /** The configured elements with their canonical texts. */
    TrackedElements tracked();

    /** Whether the resource manages the elements ({@code elements} not null). */
    boolean managesElements();

    /** Whether the datapath writes elements (or they expire): those are not drift. */
    boolean writtenByDatapath();
}
