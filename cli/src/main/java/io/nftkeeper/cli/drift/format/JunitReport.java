package io.nftkeeper.cli.drift.format;

import io.nftkeeper.cli.drift.DriftReport;
import io.nftkeeper.cli.drift.HostOutcome;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.DriftChange;
import io.nftkeeper.protocol.wire.TableDrift;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as Ant and Jenkins write it: {@code <testsuites>} with one {@code <testsuite>} per host and one
 * {@code <testcase>} per table. Drift is a {@code <failure>}; a host that could not be checked, or a table without
 * baseline, is an {@code <error>}.
 */
final class JunitReport implements ReportWriter {

    /** A host that failed before it could name its tables still gets one test case, so dashboards show it. */
    static final String ALL_MANAGED_TABLES = "all managed tables";

    private record Case(String name, Duration time, String kind, String type, String message, String detail) {
        static Case passed(String name, Duration time) {
            return new Case(name, time, null, null, null, null);
        }
    }

    @Override
    public void write(DriftReport report, Writer out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(new NonClosingWriter(out));
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            List<List<Case>> suites =
                    report.hosts().stream().map(JunitReport::cases).toList();
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "nftkeeper drift");
            xml.writeAttribute(
                    "tests", String.valueOf(suites.stream().mapToInt(List::size).sum()));
            xml.writeAttribute("failures", String.valueOf(count(suites, "failure")));
            xml.writeAttribute("errors", String.valueOf(count(suites, "error")));
            xml.writeAttribute("time", seconds(report.wallTime()));
            xml.writeCharacters("\n");
            String timestamp = LocalDateTime.ofInstant(report.startedAt(), ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.SECONDS)
                    .toString();
            for (int i = 0; i < suites.size(); i++) {
                suite(xml, report.hosts().get(i), suites.get(i), timestamp);
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void suite(XMLStreamWriter xml, HostOutcome host, List<Case> cases, String timestamp)
            throws XMLStreamException {
        xml.writeCharacters("  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", host.host());
        xml.writeAttribute("tests", String.valueOf(cases.size()));
        xml.writeAttribute("failures", String.valueOf(count(List.of(cases), "failure")));
        xml.writeAttribute("errors", String.valueOf(count(List.of(cases), "error")));
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", seconds(host.duration()));
        xml.writeAttribute("timestamp", timestamp);
        xml.writeAttribute("hostname", host.host());
        xml.writeCharacters("\n");
        for (Case testCase : cases) {
            xml.writeCharacters("    ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", host.host());
            xml.writeAttribute("name", testCase.name());
            xml.writeAttribute("time", seconds(testCase.time()));
            if (testCase.kind() != null) {
                xml.writeStartElement(testCase.kind());
                xml.writeAttribute("type", testCase.type());
                xml.writeAttribute("message", xmlSafe(testCase.message()));
                xml.writeCharacters(xmlSafe(testCase.detail()));
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
        xml.writeCharacters("  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static List<Case> cases(HostOutcome outcome) {
        List<Case> cases = new ArrayList<>();
        if (outcome instanceof HostOutcome.Failed failed) {
            List<String> names = failed.check().allManagedTables()
                    ? List.of(ALL_MANAGED_TABLES)
                    : failed.check().tables().stream().map(JunitReport::name).toList();
            for (String name : names) {
                cases.add(new Case(name, failed.duration(), "error", "unchecked", failed.error(), failed.error()));
            }
        } else if (outcome instanceof HostOutcome.Checked checked) {
            for (TableDrift table : checked.result().tables()) {
                cases.add(tableCase(table, checked.duration()));
            }
        }
        return cases;
    }

    private static Case tableCase(TableDrift table, Duration time) {
        String name = name(table.table());
        return switch (table.status()) {
            case CLEAN -> Case.passed(name, time);
            case DRIFTED ->
                new Case(
                        name,
                        time,
                        "failure",
                        "drifted",
                        ChangeCounts.describe(table) + " since the last apply",
                        details(table));
            case MISSING ->
                new Case(name, time, "failure", "missing", "the table was removed from the host", details(table));
            case NO_BASELINE ->
                new Case(
                        name,
                        time,
                        "error",
                        "no_baseline",
                        "no baseline recorded for " + table.table().describe() + ": apply or adopt it again",
                        "");
        };
    }

    private static String details(TableDrift table) {
        StringBuilder text = new StringBuilder();
        for (DriftChange change : table.changes()) {
            text.append(change.change().name().toLowerCase(Locale.ROOT))
                    .append(": ")
                    .append(change.object())
                    .append(change.handle() == null ? "" : " (handle " + change.handle() + ")")
                    .append('\n');
            if (change.baseline() != null) {
                text.append("  baseline: ").append(change.baseline()).append('\n');
            }
            if (change.live() != null) {
                text.append("  live:     ").append(change.live()).append('\n');
            }
        }
        return text.toString();
    }

    private static String name(TableRef table) {
        return table.family().nftName() + "/" + table.name();
    }

    private static long count(List<List<Case>> suites, String kind) {
        return suites.stream()
                .flatMap(List::stream)
                .filter(c -> kind.equals(c.kind()))
                .count();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
    }

    /** XML 1.0 cannot carry most control characters, not even escaped; agent messages could contain some. */
    private static String xmlSafe(String text) {
        return text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "?");
    }
}
