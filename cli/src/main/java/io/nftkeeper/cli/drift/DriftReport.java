package io.nftkeeper.cli.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The result of one drift run over many hosts, hosts in the order they were given. */
public record DriftReport(Instant startedAt, Duration wallTime, List<HostOutcome> hosts) {

    public DriftReport {
        hosts = List.copyOf(hosts);
    }

    public long count(HostStatus status) {
        return hosts.stream().filter(h -> h.status() == status).count();
    }

    /** 1 if any host could not be checked (error wins: the run cannot say all is well), else 2 on drift, else 0. */
    public int exitCode() {
        if (count(HostStatus.ERROR) > 0) {
            return HostStatus.ERROR.exitCode();
        }
        return count(HostStatus.DRIFTED) > 0 ? HostStatus.DRIFTED.exitCode() : HostStatus.CLEAN.exitCode();
    }

    /** The longest single-host check of this run (zero for an empty run). */
    public Duration slowestHost() {
        return hosts.stream()
                .map(HostOutcome::duration)
                .max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
    }
}
