package io.nftkeeper.provider;

import io.nftkeeper.provider.transport.HostKeyPolicy;

import java.util.Optional;

/** What one entry of {@code host_overrides} changes for its host; every empty part keeps the provider's setting. */
public record HostOverride(Optional<Integer> port, Optional<String> user, Optional<HostKeyPolicy> hostKeys) {

    public static final HostOverride NONE = new HostOverride(Optional.empty(), Optional.empty(), Optional.empty());
}
