package io.nftkeeper.cli.drift;

import io.nftkeeper.protocol.wire.DriftResult;

/** Asks one host's agent for drift. Implementations throw on any failure; the runner reports it for that host. */
@FunctionalInterface
public interface HostChecker {

    DriftResult check(HostCheck host);
}
