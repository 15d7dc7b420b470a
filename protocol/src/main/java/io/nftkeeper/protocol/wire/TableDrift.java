package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import java.util.List;

/** How one managed table differs from the baseline the agent recorded after the last apply or adopt. */
public record TableDrift(Family family, String name, Status status, List<DriftChange> changes) {

    /** Spelled in lowercase on the wire. */
    public enum Status {
        /** Live equals baseline, ignoring handles, counter values, quota usage and element expiry. */
        CLEAN,
        DRIFTED,
        /** The table no longer exists on the host. */
        MISSING,
        /** No baseline was recorded (managed before baselines existed): apply or adopt it again to record one. */
        NO_BASELINE
    }

    public TableDrift {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public TableRef table() {
        return new TableRef(family, name);
    }
}
