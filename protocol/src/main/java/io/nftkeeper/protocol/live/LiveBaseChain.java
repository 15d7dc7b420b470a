package io.nftkeeper.protocol.live;

import java.util.List;

/** A base chain's properties as the host prints them, e.g. priority {@code filter + 10}; devices sorted by nft. */
public record LiveBaseChain(String type, String hook, String priority, String policy, List<String> devices) {

    public LiveBaseChain {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }
}
