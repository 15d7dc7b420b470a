package io.nftkeeper.cli.drift;

import io.nftkeeper.protocol.wire.DriftResult;
import io.nftkeeper.protocol.wire.TableDrift;
import java.time.Duration;
import java.util.Objects;

/** What checking one host gave: the agent's drift result, or why there is none. */
public sealed interface HostOutcome permits HostOutcome.Checked, HostOutcome.Failed {

    HostCheck check();

    /** From the start of this host's check (not its wait for a free slot) to its result. */
    Duration duration();

    HostStatus status();

    default String host() {
        return check().host();
    }

    /** The agent answered. A table without baseline makes the host's status {@code error}: it cannot tell. */
    record Checked(HostCheck check, DriftResult result, Duration duration) implements HostOutcome {
        public Checked {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(duration, "duration");
        }

        @Override
        public HostStatus status() {
            if (result.tables().stream().anyMatch(t -> t.status() == TableDrift.Status.NO_BASELINE)) {
                return HostStatus.ERROR;
            }
            return result.drifted() ? HostStatus.DRIFTED : HostStatus.CLEAN;
        }
    }

    /** Unreachable, refused, timed out, or the agent answered with an error. */
    record Failed(HostCheck check, String error, Duration duration) implements HostOutcome {
        public Failed {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(duration, "duration");
        }

        @Override
        public HostStatus status() {
            return HostStatus.ERROR;
        }
    }
}
