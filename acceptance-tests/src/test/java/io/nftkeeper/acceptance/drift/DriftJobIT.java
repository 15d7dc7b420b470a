package io.nftkeeper.acceptance.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.cli.testing.JunitXml;
import io.nftkeeper.cli.testing.PrometheusText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code nftkeeper drift} against 20 sandbox hosts that all manage {@code table inet nkdrift}; three of them were
 * then changed by hand with nft (a chain added, a rule added, the table deleted). The job must name exactly those
 * three, with the right objects, in every output format.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriftJobIT {

    private static final int HOSTS = 20;
    private static final int CHAIN_ADDED = 4;
    private static final int RULE_ADDED = 9;
    private static final int TABLE_DELETED = 15;
    // inside 10.213.0.0/16 but never handed to a sandbox, and blackholed while sandboxes exist
    private static final String UNREACHABLE = "10.213.255.254";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxFleet fleet;

    @BeforeAll
    void startFleetWithBaselines() throws Exception {
        fleet = SandboxFleet.start("dj" + ProcessHandle.current().pid() + "-", HOSTS);
        fleet.applyBaselines();
        fleet.hosts().get(CHAIN_ADDED).nft("add chain inet nkdrift extra");
        fleet.hosts().get(RULE_ADDED).nft("add rule inet nkdrift input udp dport 53 accept");
        fleet.hosts().get(TABLE_DELETED).nft("delete table inet nkdrift");
    }

    @AfterAll
    void removeFleet() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void theJobReportsExactlyTheThreeHandEditedHostsInEveryFormatAndExits2() throws Exception {
        List<SandboxHost> hosts = fleet.hosts();
        Path state = fleet.file("show.json");
        Files.writeString(
                state,
                fleet.terraformShowJson(hosts.stream().map(SandboxHost::address).toList()));
        Path json = fleet.file("drift.json");
        Path junit = fleet.file("drift.xml");
        Path prometheus = fleet.file("nftkeeper.prom");
        Instant before = Instant.now();

        List<String> args = new ArrayList<>(List.of(
                "drift",
                "--state",
                state.toString(),
                "--parallel",
                "20",
                "--timeout",
                "120s",
                "--color",
                "never",
                "--progress",
                "never",
                "--report",
                "json=" + json,
                "--report",
                "junit=" + junit,
                "--report",
                "prometheus=" + prometheus));
        args.addAll(fleet.sshFlags());
        CliRun run = CliRun.inProcess(args);

        System.out.print(run.stdout()); // the human report, for the test's output file
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.stdout()).contains("20 hosts: 17 clean, 3 drifted, 0 errors");

        Map<String, Expected> expectedObjects = Map.of(
                hosts.get(CHAIN_ADDED).address(), new Expected("chain", "chain inet nkdrift extra", "added"),
                hosts.get(RULE_ADDED).address(), new Expected("rule", "rule inet nkdrift input #2", "added"),
                hosts.get(TABLE_DELETED).address(), new Expected("table", "table inet nkdrift", "removed"));
        assertJson(JSON.readTree(json.toFile()), expectedObjects);
        assertJunit(JunitXml.validateAndParse(Files.readString(junit)), expectedObjects);
        assertPrometheus(PrometheusText.parse(Files.readString(prometheus)), expectedObjects, before);
    }

    @Test
    void theHostLocalCheckOfTheExampleSystemdUnitFindsTheSameDrift() throws Exception {
        String execStart = Files.readAllLines(SandboxHost.script()
                        .getParent()
                        .getParent()
                        .resolve("examples/drift/nftkeeper-agent-drift.service"))
                .stream()
                .filter(line -> line.startsWith("ExecStart="))
                .findFirst()
                .orElseThrow()
                .substring("ExecStart=/bin/sh -c '".length())
                .replaceAll("'$", "")
                .replace("$$", "$")
                .replace("/var/lib/nftkeeper/agent", fleet.agentDirectory().toString());
        SandboxHost edited = fleet.hosts().get(RULE_ADDED);
        SandboxHost clean = fleet.hosts().get(0);

        CommandRun drift = agentDrift(edited, execStart);
        CommandRun noDrift = agentDrift(clean, execStart);

        assertThat(drift.exitCode()).as(drift.stdout() + drift.stderr()).isEqualTo(2);
        assertThat(drift.stdout()).contains("rule inet nkdrift input #2");
        assertThat(noDrift.exitCode()).as(noDrift.stdout() + noDrift.stderr()).isZero();
    }

    /** Runs the unit's command on the host itself, with the state directory the sandbox's sshd gives its logins. */
    private static CommandRun agentDrift(SandboxHost host, String command) {
        return CommandRun.of(
                Duration.ofSeconds(60),
                List.of(
                        "ip",
                        "netns",
                        "exec",
                        host.netns(),
                        "env",
                        "NFTKEEPER_STATE_DIR=" + host.sshdLog().resolveSibling("agent-state"),
                        "sh",
                        "-c",
                        command));
    }

    @Test
    void anUnreachableHostIsReportedForItselfWhileTheOthersAreCheckedAndTheRunExits1() throws Exception {
        // through the launcher script and the runnable jar, with a YAML job file holding each host's own key
        SandboxHost first = fleet.hosts().get(0);
        SandboxHost second = fleet.hosts().get(1);
        Path job = fleet.file("job.yaml");
        Files.writeString(
                job,
                String.join(
                        "\n",
                        "parallelism: 3",
                        "timeout: 30s",
                        "ssh:",
                        "  agent_dir: " + fleet.agentDirectory(),
                        "hosts:",
                        entry(first),
                        entry(second),
                        "  - host: " + UNREACHABLE,
                        "    private_key_file: " + first.privateKeyPath(),
                        "    host_key: \"" + first.hostKey() + "\"",
                        "    tables: [inet/nkdrift]",
                        ""));

        CliRun run =
                CliRun.launcher(List.of("drift", "--job", job.toString(), "--format", "json"), Duration.ofSeconds(120));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        JsonNode report = JSON.readTree(run.stdout());
        assertThat(report.path("summary").path("error").asInt()).isEqualTo(1);
        assertThat(report.path("summary").path("clean").asInt()).isEqualTo(2);
        Map<String, JsonNode> byHost = byHost(report);
        assertThat(byHost.get(UNREACHABLE).path("status").asText()).isEqualTo("error");
        assertThat(byHost.get(UNREACHABLE).path("error").asText()).contains(UNREACHABLE);
        for (SandboxHost checked : List.of(first, second)) {
            JsonNode host = byHost.get(checked.address());
            assertThat(host.path("status").asText()).isEqualTo("clean");
            assertThat(host.path("tables").get(0).path("status").asText()).isEqualTo("clean");
        }
    }

    /** The one change a hand-edited host must report. */
    private record Expected(String kind, String object, String change) {}

    private static String entry(SandboxHost host) {
        return "  - host: " + host.address() + "\n    private_key_file: " + host.privateKeyPath() + "\n    host_key: \""
                + host.hostKey() + "\"\n    tables: [inet/nkdrift]";
    }

    private void assertJson(JsonNode report, Map<String, Expected> expectedObjects) {
        assertThat(report.path("exit_code").asInt()).isEqualTo(2);
        Map<String, JsonNode> byHost = byHost(report);
        assertThat(byHost).hasSize(HOSTS);
        Map<String, Expected> driftedObjects = new HashMap<>();
        byHost.forEach((host, node) -> {
            assertThat(node.path("tables")).as(host).hasSize(1);
            JsonNode table = node.path("tables").get(0);
            assertThat(table.path("family").asText() + "/" + table.path("name").asText())
                    .isEqualTo("inet/nkdrift");
            if (!node.path("status").asText().equals("clean")) {
                assertThat(node.path("status").asText()).isEqualTo("drifted");
                assertThat(table.path("changes")).as(host).hasSize(1);
                JsonNode change = table.path("changes").get(0);
                driftedObjects.put(
                        host,
                        new Expected(
                                change.path("kind").asText(),
                                change.path("object").asText(),
                                change.path("change").asText()));
            } else {
                assertThat(table.path("status").asText()).isEqualTo("clean");
                assertThat(table.path("changes")).isEmpty();
            }
        });
        assertThat(driftedObjects).isEqualTo(expectedObjects);
        JsonNode missing = byHost.get(fleet.hosts().get(TABLE_DELETED).address())
                .path("tables")
                .get(0);
        assertThat(missing.path("status").asText()).isEqualTo("missing");
        JsonNode addedChain = byHost.get(fleet.hosts().get(CHAIN_ADDED).address())
                .path("tables")
                .get(0)
                .path("changes")
                .get(0);
        assertThat(addedChain.path("live").path("name").asText()).isEqualTo("extra");
        assertThat(addedChain.path("baseline").isNull()).isTrue();
    }

    private void assertJunit(Document xml, Map<String, Expected> expectedObjects) {
        Element suites = xml.getDocumentElement();
        assertThat(suites.getAttribute("tests")).isEqualTo(String.valueOf(HOSTS));
        assertThat(suites.getAttribute("failures")).isEqualTo("3");
        assertThat(suites.getAttribute("errors")).isEqualTo("0");
        NodeList cases = xml.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(HOSTS);
        Map<String, String> failures = new HashMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            assertThat(testCase.getAttribute("name")).isEqualTo("inet/nkdrift");
            NodeList failure = testCase.getElementsByTagName("failure");
            if (failure.getLength() > 0) {
                failures.put(testCase.getAttribute("classname"), failure.item(0).getTextContent());
            }
        }
        assertThat(failures).containsOnlyKeys(expectedObjects.keySet());
        failures.forEach((host, text) -> {
            Expected expected = expectedObjects.get(host);
            assertThat(text).contains(expected.change() + ": " + expected.object());
        });
    }

    private void assertPrometheus(
            PrometheusText.Exposition metrics, Map<String, Expected> expectedObjects, Instant before) {
        assertThat(metrics.types())
                .containsEntry("nftkeeper_drift_objects", "gauge")
                .containsEntry("nftkeeper_last_check_timestamp_seconds", "gauge");
        Map<String, String> nonZero = new HashMap<>();
        for (PrometheusText.Sample sample : metrics.samples("nftkeeper_drift_objects")) {
            assertThat(sample.labels()).containsOnlyKeys("host", "table", "kind");
            assertThat(sample.labels().get("table")).isEqualTo("inet/nkdrift");
            if (sample.value() != 0) {
                assertThat(sample.value()).isEqualTo(1.0);
                nonZero.put(sample.labels().get("host"), sample.labels().get("kind"));
            }
        }
        Map<String, String> expectedKinds = new HashMap<>();
        expectedObjects.forEach((host, expected) -> expectedKinds.put(host, expected.kind()));
        assertThat(nonZero).isEqualTo(expectedKinds);
        List<PrometheusText.Sample> timestamps = metrics.samples("nftkeeper_last_check_timestamp_seconds");
        assertThat(timestamps).hasSize(HOSTS);
        for (PrometheusText.Sample sample : timestamps) {
            assertThat(sample.value())
                    .isBetween(before.getEpochSecond() - 1.0, Instant.now().getEpochSecond() + 1.0);
        }
        for (SandboxHost host : fleet.hosts()) {
            assertThat(metrics.value("nftkeeper_drift_check_success", "host", host.address()))
                    .isEqualTo(1.0);
        }
    }

    static Map<String, JsonNode> byHost(JsonNode report) {
        Map<String, JsonNode> byHost = new HashMap<>();
        StreamSupport.stream(report.path("hosts").spliterator(), false)
                .forEach(host -> byHost.put(host.path("host").asText(), host));
        return byHost;
    }
}
