package io.nftkeeper.cli.drift.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nftkeeper.cli.drift.DriftReport;
import io.nftkeeper.cli.drift.HostOutcome;
import io.nftkeeper.cli.drift.HostStatus;
import io.nftkeeper.protocol.wire.DriftChange;
import io.nftkeeper.protocol.wire.TableDrift;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.Locale;

/**
 * The report as one JSON document (snake_case, like Terraform's JSON). Changes carry the live and baseline objects
 * as JSON, not as strings, so {@code jq} can reach into them.
 */
final class JsonReport implements ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void write(DriftReport report, Writer out) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("started_at", report.startedAt().toString());
        root.put("wall_time_seconds", seconds(report.wallTime()));
        root.put("exit_code", report.exitCode());
        ObjectNode summary = root.putObject("summary");
        summary.put("hosts", report.hosts().size());
        for (HostStatus status : HostStatus.values()) {
            summary.put(status.label(), report.count(status));
        }
        ArrayNode hosts = root.putArray("hosts");
        report.hosts().forEach(outcome -> hosts.add(host(outcome)));
        JSON.writeValue(new NonClosingWriter(out), root);
        out.write("\n");
    }

    private static ObjectNode host(HostOutcome outcome) {
        ObjectNode host = JSON.createObjectNode();
        host.put("host", outcome.host());
        host.put("status", outcome.status().label());
        host.put("duration_seconds", seconds(outcome.duration()));
        ArrayNode tables = JSON.createArrayNode();
        if (outcome instanceof HostOutcome.Checked checked) {
            host.putNull("error");
            checked.result().tables().forEach(table -> tables.add(table(table)));
        } else if (outcome instanceof HostOutcome.Failed failed) {
            host.put("error", failed.error());
        }
        host.set("tables", tables);
        return host;
    }

    private static ObjectNode table(TableDrift drift) {
        ObjectNode table = JSON.createObjectNode();
        table.put("family", drift.family().nftName());
        table.put("name", drift.name());
        table.put("status", drift.status().name().toLowerCase(Locale.ROOT));
        ArrayNode changes = table.putArray("changes");
        for (DriftChange change : drift.changes()) {
            ObjectNode node = changes.addObject();
            node.put("kind", change.kind().name().toLowerCase(Locale.ROOT));
            node.put("change", change.change().name().toLowerCase(Locale.ROOT));
            node.put("object", change.object());
            node.set("live", embedded(change.live()));
            node.set("baseline", embedded(change.baseline()));
            if (change.handle() != null) {
                node.put("handle", change.handle());
            }
        }
        return table;
    }

    /** Canonical JSON text from the agent, embedded as JSON; kept as a string if it ever is not JSON. */
    private static JsonNode embedded(String json) {
        if (json == null) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
