package io.nftkeeper.provider.resources;

import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.wire.TableListing;

/** The stateless text listing of a table, which chain, set and map resources parse. */
final class ListingText {

    private ListingText() {
    }

    static String of(TableListing listing) {
        if (listing.text() == null) {
            throw new NftkeeperException("the agent on the host did not list " + listing.table().describe()
                    + " as text; it predates this provider");
        }
        return listing.text();
    }
}
