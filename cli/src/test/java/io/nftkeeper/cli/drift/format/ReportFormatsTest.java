package io.nftkeeper.cli.drift.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.cli.drift.DriftReport;
import io.nftkeeper.cli.drift.Fixtures;
import io.nftkeeper.cli.testing.JunitXml;
import io.nftkeeper.cli.testing.PrometheusText;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Every format, fed a report with a clean, a drifted, a gone and an unreachable host, parsed back strictly. */
class ReportFormatsTest {

    private static String render(OutputFormat format, DriftReport report) throws Exception {
        StringWriter out = new StringWriter();
        format.writer(false).write(report, out);
        return out.toString();
    }

    @Test
    void jsonCarriesStatusesChangesAndTheObjectsThemselvesAsJson() throws Exception {
        JsonNode json = new ObjectMapper().readTree(render(OutputFormat.JSON, Fixtures.mixed()));

        assertThat(json.path("exit_code").asInt()).isEqualTo(1);
        assertThat(json.path("started_at").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(json.path("summary").toString()).isEqualTo("{\"hosts\":4,\"clean\":1,\"drifted\":2,\"error\":1}");
        JsonNode drifted = json.path("hosts").get(1);
        assertThat(drifted.path("status").asText()).isEqualTo("drifted");
        JsonNode chain = drifted.path("tables").get(0).path("changes").get(0);
        assertThat(chain.path("kind").asText()).isEqualTo("chain");
        assertThat(chain.path("change").asText()).isEqualTo("added");
        assertThat(chain.path("live").path("name").asText()).isEqualTo("extra");
        assertThat(chain.path("baseline").isNull()).isTrue();
        assertThat(json.path("hosts")
                        .get(2)
                        .path("tables")
                        .get(0)
                        .path("status")
                        .asText())
                .isEqualTo("missing");
        JsonNode unreachable = json.path("hosts").get(3);
        assertThat(unreachable.path("status").asText()).isEqualTo("error");
        assertThat(unreachable.path("error").asText()).contains("No route to host");
        assertThat(json.path("hosts").get(0).path("error").isNull()).isTrue();
    }

    @Test
    void junitIsValidAgainstTheSchemaWithATestCasePerHostAndTable() throws Exception {
        Document xml = JunitXml.validateAndParse(render(OutputFormat.JUNIT, Fixtures.mixed()));

        Element suites = xml.getDocumentElement();
        assertThat(suites.getAttribute("tests")).isEqualTo("4");
        assertThat(suites.getAttribute("failures")).isEqualTo("2");
        assertThat(suites.getAttribute("errors")).isEqualTo("1");
        assertThat(xml.getElementsByTagName("testsuite").getLength()).isEqualTo(4);
        Element drifted = (Element) xml.getElementsByTagName("testcase").item(1);
        assertThat(drifted.getAttribute("classname")).isEqualTo("10.0.0.2");
        assertThat(drifted.getAttribute("name")).isEqualTo("inet/web");
        Element failure = (Element) drifted.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("2 changes since the last apply");
        assertThat(failure.getTextContent()).contains("added: chain inet web extra", "changed: rule inet web input #1");
        Element unreachable = (Element) xml.getElementsByTagName("testcase").item(3);
        assertThat(unreachable.getElementsByTagName("error").item(0).getTextContent())
                .contains("No route to host");
    }

    @Test
    void junitSurvivesControlCharactersAndMarkupInMessages() throws Exception {
        DriftReport nasty = Fixtures.report(Fixtures.failed("h<1>", "bad \u0001 \"thing\" & <more>"));

        Document xml = JunitXml.validateAndParse(render(OutputFormat.JUNIT, nasty));

        assertThat(xml.getElementsByTagName("error").item(0).getTextContent()).isEqualTo("bad ? \"thing\" & <more>");
    }

    @Test
    void prometheusHasEveryKindForEveryCheckedTableAndSuccessPerHost() throws Exception {
        PrometheusText.Exposition metrics = PrometheusText.parse(render(OutputFormat.PROMETHEUS, Fixtures.mixed()));

        assertThat(metrics.samples("nftkeeper_drift_objects")).hasSize(3 * 6);
        assertThat(metrics.value("nftkeeper_drift_objects", "host", "10.0.0.2", "table", "inet/web", "kind", "chain"))
                .isEqualTo(1);
        assertThat(metrics.value("nftkeeper_drift_objects", "host", "10.0.0.2", "table", "inet/web", "kind", "rule"))
                .isEqualTo(1);
        assertThat(metrics.value("nftkeeper_drift_objects", "host", "10.0.0.1", "table", "inet/web", "kind", "rule"))
                .isZero();
        assertThat(metrics.value("nftkeeper_drift_objects", "host", "10.0.0.3", "table", "inet/web", "kind", "table"))
                .isEqualTo(1);
        assertThat(metrics.value("nftkeeper_drift_check_success", "host", "10.0.0.4"))
                .isZero();
        assertThat(metrics.value("nftkeeper_drift_check_success", "host", "10.0.0.1"))
                .isEqualTo(1);
        assertThat(metrics.value("nftkeeper_last_check_timestamp_seconds", "host", "10.0.0.4"))
                .isEqualTo(Fixtures.STARTED.getEpochSecond() + 3.5);
        assertThat(metrics.types())
                .containsOnlyKeys(
                        "nftkeeper_drift_objects",
                        "nftkeeper_drift_check_success",
                        "nftkeeper_drift_check_duration_seconds",
                        "nftkeeper_last_check_timestamp_seconds");
        assertThat(metrics.types()).allSatisfy((name, type) -> assertThat(type).isEqualTo("gauge"));
    }

    @Test
    void prometheusEscapesLabelValues() throws Exception {
        DriftReport odd = Fixtures.report(Fixtures.failed("we\"ird\\host", "x"));

        PrometheusText.Exposition metrics = PrometheusText.parse(render(OutputFormat.PROMETHEUS, odd));

        assertThat(metrics.value("nftkeeper_drift_check_success", "host", "we\"ird\\host"))
                .isZero();
    }

    @Test
    void textShowsEachHostAndTheDiffAndColorsOnlyWhenAsked() throws Exception {
        String plain = render(OutputFormat.TEXT, Fixtures.mixed());
        StringWriter colored = new StringWriter();
        OutputFormat.TEXT.writer(true).write(Fixtures.mixed(), colored);

        assertThat(plain)
                .contains(
                        "clean   10.0.0.1 table inet web",
                        "drifted 10.0.0.2 table inet web: 2 changes",
                        "    + chain inet web extra",
                        "    ~ rule inet web input #1",
                        "        baseline: {\"expr\":[{\"drop\":null}]}",
                        "missing 10.0.0.3 table inet web: the table was removed",
                        "error   10.0.0.4: cannot reach 10.0.0.4:22: No route to host",
                        "4 hosts: 1 clean, 2 drifted, 1 error in 3.5 s (slowest host 3.0 s)");
        assertThat(plain).doesNotContain("\u001b[");
        assertThat(colored.toString()).contains("\u001b[32m+ chain inet web extra\u001b[0m");
    }
}
