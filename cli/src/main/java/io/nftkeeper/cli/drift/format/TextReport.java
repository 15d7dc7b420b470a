package io.nftkeeper.cli.drift.format;

import io.nftkeeper.cli.Counted;
import io.nftkeeper.cli.Durations;
import io.nftkeeper.cli.drift.DriftReport;
import io.nftkeeper.cli.drift.HostOutcome;
import io.nftkeeper.cli.drift.HostStatus;
import io.nftkeeper.protocol.wire.DriftChange;
import io.nftkeeper.protocol.wire.TableDrift;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * For people: a line per host and table, then the differing objects as a diff ({@code +} only live, {@code -} only
 * in the baseline, {@code ~} changed, with both sides). ANSI colors only when asked (a terminal).
 */
final class TextReport implements ReportWriter {

    private static final String RED = "31";
    private static final String GREEN = "32";
    private static final String YELLOW = "33";
    private static final String BOLD = "1";
    private static final String DIM = "2";

    private final boolean color;

    TextReport(boolean color) {
        this.color = color;
    }

    @Override
    public void write(DriftReport report, Writer out) throws IOException {
        for (HostOutcome outcome : report.hosts()) {
            String took = " (" + Durations.format(outcome.duration()) + ")";
            if (outcome instanceof HostOutcome.Failed failed) {
                out.write(paint(RED, "error  ") + " " + paint(BOLD, failed.host()) + ": " + failed.error()
                        + paint(DIM, took) + "\n");
                continue;
            }
            HostOutcome.Checked checked = (HostOutcome.Checked) outcome;
            if (checked.result().tables().isEmpty()) {
                out.write(paint(GREEN, "clean  ") + " " + paint(BOLD, checked.host()) + ": no managed tables"
                        + paint(DIM, took) + "\n");
            }
            for (TableDrift table : checked.result().tables()) {
                out.write(tableLine(checked.host(), table) + paint(DIM, took) + "\n");
                for (DriftChange change : table.changes()) {
                    writeChange(change, out);
                }
            }
        }
        out.write(String.format(
                Locale.ROOT,
                "%s: %d clean, %d drifted, %s in %s (slowest host %s)%n",
                Counted.of(report.hosts().size(), "host"),
                report.count(HostStatus.CLEAN),
                report.count(HostStatus.DRIFTED),
                Counted.of(report.count(HostStatus.ERROR), "error"),
                Durations.format(report.wallTime()),
                Durations.format(report.slowestHost())));
    }

    private String tableLine(String host, TableDrift table) {
        String where = paint(BOLD, host) + " " + table.table().describe();
        return switch (table.status()) {
            case CLEAN -> paint(GREEN, "clean  ") + " " + where;
            case DRIFTED -> paint(YELLOW, "drifted") + " " + where + ": " + ChangeCounts.describe(table);
            case MISSING -> paint(RED, "missing") + " " + where + ": the table was removed";
            case NO_BASELINE ->
                paint(RED, "error  ") + " " + where + ": no baseline recorded; apply or adopt the table again";
        };
    }

    private void writeChange(DriftChange change, Writer out) throws IOException {
        switch (change.change()) {
            case ADDED -> {
                out.write("    " + paint(GREEN, "+ " + named(change)) + "\n");
                out.write("        " + paint(GREEN, "live:     " + change.live()) + "\n");
            }
            case REMOVED -> {
                out.write("    " + paint(RED, "- " + named(change)) + "\n");
                out.write("        " + paint(RED, "baseline: " + change.baseline()) + "\n");
            }
            case CHANGED -> {
                out.write("    " + paint(YELLOW, "~ " + named(change)) + "\n");
                out.write("        " + paint(RED, "baseline: " + change.baseline()) + "\n");
                out.write("        " + paint(GREEN, "live:     " + change.live()) + "\n");
            }
        }
    }

    /** E.g. {@code rule inet web input #2 (handle 7)}: position and live handle of a rule. */
    private static String named(DriftChange change) {
        return change.object() + (change.handle() == null ? "" : " (handle " + change.handle() + ")");
    }

    private String paint(String code, String text) {
        return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
