package io.nftkeeper.cli.drift.format;

import io.nftkeeper.cli.drift.DriftReport;
import io.nftkeeper.cli.drift.HostOutcome;
import io.nftkeeper.cli.drift.HostStatus;
import io.nftkeeper.protocol.wire.DriftChange;
import io.nftkeeper.protocol.wire.TableDrift;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;

/**
 * Prometheus text exposition format 0.0.4, without sample timestamps (node_exporter's textfile collector and the
 * Pushgateway refuse them). Every kind is written for every checked table, zeros included, so "no drift" is a
 * sample and not an absence. Hosts that could not be checked have {@code nftkeeper_drift_check_success 0} and no
 * drift samples.
 */
final class PrometheusReport implements ReportWriter {

    @Override
    public void write(DriftReport report, Writer out) throws IOException {
        double finishedAt =
                (report.startedAt().toEpochMilli() + report.wallTime().toMillis()) / 1000.0;

        header(
                out,
                "nftkeeper_drift_objects",
                "Objects of a managed table that differ from the baseline the agent "
                        + "recorded after the last apply (added, removed or changed), by kind of object.");
        for (HostOutcome outcome : report.hosts()) {
            if (outcome instanceof HostOutcome.Checked checked) {
                for (TableDrift table : checked.result().tables()) {
                    if (table.status() == TableDrift.Status.NO_BASELINE) {
                        continue;
                    }
                    String name = table.family().nftName() + "/" + table.name();
                    for (Map.Entry<DriftChange.Kind, Integer> count :
                            ChangeCounts.of(table).entrySet()) {
                        sample(
                                out,
                                "nftkeeper_drift_objects",
                                "host",
                                outcome.host(),
                                "table",
                                name,
                                "kind",
                                count.getKey().name().toLowerCase(Locale.ROOT),
                                count.getValue());
                    }
                }
            }
        }
        header(
                out,
                "nftkeeper_drift_check_success",
                "1 if the host's tables were compared with their baselines, 0 "
                        + "if not (unreachable, timed out, agent error, table without baseline).");
        for (HostOutcome outcome : report.hosts()) {
            boolean success = outcome instanceof HostOutcome.Checked && outcome.status() != HostStatus.ERROR;
            sample(out, "nftkeeper_drift_check_success", "host", outcome.host(), success ? 1 : 0);
        }
        header(
                out,
                "nftkeeper_drift_check_duration_seconds",
                "How long checking the host took, connection and " + "agent start included.");
        for (HostOutcome outcome : report.hosts()) {
            sample(
                    out,
                    "nftkeeper_drift_check_duration_seconds",
                    "host",
                    outcome.host(),
                    outcome.duration().toMillis() / 1000.0);
        }
        header(
                out,
                "nftkeeper_last_check_timestamp_seconds",
                "Unix time at which this drift check finished; alert " + "when it gets old (the job stopped running).");
        for (HostOutcome outcome : report.hosts()) {
            sample(out, "nftkeeper_last_check_timestamp_seconds", "host", outcome.host(), finishedAt);
        }
    }

    private static void header(Writer out, String metric, String help) throws IOException {
        out.write("# HELP " + metric + " " + help.replace("\\", "\\\\").replace("\n", "\\n") + "\n");
        out.write("# TYPE " + metric + " gauge\n");
    }

    /** {@code labelsAndValue}: label name, label value, ..., then the sample value (a Number). */
    private static void sample(Writer out, String metric, Object... labelsAndValue) throws IOException {
        StringBuilder line = new StringBuilder(metric).append('{');
        for (int i = 0; i + 1 < labelsAndValue.length; i += 2) {
            if (i > 0) {
                line.append(',');
            }
            line.append(labelsAndValue[i])
                    .append("=\"")
                    .append(escape((String) labelsAndValue[i + 1]))
                    .append('"');
        }
        line.append("} ")
                .append(number((Number) labelsAndValue[labelsAndValue.length - 1]))
                .append('\n');
        out.write(line.toString());
    }

    private static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(Number value) {
        if (value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        return String.format(Locale.ROOT, "%.3f", value.doubleValue());
    }
}
