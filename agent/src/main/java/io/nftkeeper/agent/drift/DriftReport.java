package io.nftkeeper.agent.drift;

import io.nftkeeper.protocol.wire.DriftChange;
import io.nftkeeper.protocol.wire.DriftResult;
import io.nftkeeper.protocol.wire.TableDrift;
import java.util.Locale;

/** The human report of {@code java -jar agent.jar drift}, and its exit code. */
public final class DriftReport {

    static final int CLEAN = 0;
    static final int CANNOT_TELL = 1;
    static final int DRIFTED = 2;

    private DriftReport() {}

    public static String render(DriftResult result) {
        StringBuilder report = new StringBuilder();
        for (TableDrift table : result.tables()) {
            report.append(table.table().describe()).append(": ").append(describe(table.status()));
            if (!table.changes().isEmpty()) {
                report.append(" (")
                        .append(table.changes().size())
                        .append(table.changes().size() == 1 ? " change)" : " changes)");
            }
            report.append('\n');
            for (DriftChange change : table.changes()) {
                report.append("  ")
                        .append(symbol(change.change()))
                        .append(' ')
                        .append(change.object())
                        .append(change.handle() == null ? "" : " (handle " + change.handle() + ")")
                        .append('\n');
                if (change.baseline() != null) {
                    report.append("      baseline: ").append(change.baseline()).append('\n');
                }
                if (change.live() != null) {
                    report.append("      live:     ").append(change.live()).append('\n');
                }
            }
        }
        long drifted = result.tables().stream()
                .filter(t -> t.status() == TableDrift.Status.DRIFTED || t.status() == TableDrift.Status.MISSING)
                .count();
        report.append(drifted).append(" of ").append(result.tables().size()).append(" managed tables drifted\n");
        return report.toString();
    }

    /** Drift wins over a table without baseline: it is the more urgent news. */
    public static int exitCode(DriftResult result) {
        if (result.drifted()) {
            return DRIFTED;
        }
        boolean unknown = result.tables().stream().anyMatch(t -> t.status() == TableDrift.Status.NO_BASELINE);
        return unknown ? CANNOT_TELL : CLEAN;
    }

    private static String describe(TableDrift.Status status) {
        return switch (status) {
            case NO_BASELINE -> "no baseline (apply or adopt it again to record one)";
            default -> status.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String symbol(DriftChange.Change change) {
        return switch (change) {
            case ADDED -> "+";
            case REMOVED -> "-";
            case CHANGED -> "~";
        };
    }
}
