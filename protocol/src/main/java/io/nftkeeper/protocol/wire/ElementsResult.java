package io.nftkeeper.protocol.wire;

import java.util.List;

/**
 * The answer to {@link ElementsParams}. {@code count} and {@code digest} describe the host's set as listed (after
 * the apply for {@code APPLY}; {@code digest} is {@code sha256:<hex>} of the listed elements, sorted, one per line).
 * {@code added}/{@code removed} count what differs: for {@code DIGEST}, the host against the last apply (drift);
 * for {@code CHECK} and {@code APPLY}, the wanted elements against the host. {@code recorded} says whether the host
 * remembers a last apply. For {@code CHECK}, {@code invalidIndex} (0-based, into the wanted list) and {@code error}
 * name the element nft refused; {@code invalidIndex} is null when nft's error names no single element.
 * {@code method} says how an apply wrote the set: {@code create}, {@code delta}, {@code refill} or {@code none}.
 */
public record ElementsResult(
        boolean exists,
        long count,
        String digest,
        boolean recorded,
        long added,
        long removed,
        List<String> addedSample,
        List<String> removedSample,
        Integer invalidIndex,
        String error,
        String method) {

    public ElementsResult {
        addedSample = addedSample == null ? List.of() : List.copyOf(addedSample);
        removedSample = removedSample == null ? List.of() : List.copyOf(removedSample);
    }

    public boolean valid() {
        return error == null;
    }
}
