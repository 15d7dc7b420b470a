package io.nftkeeper.protocol.live;

import java.util.List;
import java.util.Optional;

/** A chain and its rules in order; {@code baseChain} is null for a regular chain. */
public record LiveChain(String name, LiveBaseChain baseChain, List<LiveRule> rules) {

    public LiveChain {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** The base chain's properties; empty for a regular chain. */
    public Optional<LiveBaseChain> base() {
        return Optional.ofNullable(baseChain);
    }

    /** Each rule's full canonical line, in order. */
    public List<String> canonicalRules() {
        return rules.stream().map(LiveRule::canonical).toList();
    }
}
