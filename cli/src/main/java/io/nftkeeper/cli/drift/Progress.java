package io.nftkeeper.cli.drift;

/** Told as hosts finish; implementations must be thread-safe (workers call in parallel). */
public interface Progress {

    Progress NONE = (outcome, done, total) -> {};

    void finished(HostOutcome outcome, int done, int total);
}
