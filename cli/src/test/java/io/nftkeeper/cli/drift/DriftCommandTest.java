package io.nftkeeper.cli.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.cli.Main;
import io.nftkeeper.cli.testing.PrometheusText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, with a fake in place of SSH and agents. */
class DriftCommandTest {

    private static final String STATE = """
            {"format_version":"1.0","values":{"root_module":{"resources":[
              {"mode":"managed","type":"nftables_table","values":{"host":"a","family":"inet","name":"web"}},
              {"mode":"managed","type":"nftables_table","values":{"host":"b","family":"inet","name":"web"}}]}}}
            """;

    @TempDir
    Path dir;

    private final Map<String, HostCheck> checked = new ConcurrentHashMap<>();
    private String out;
    private String err;

    private int run(HostChecker checker, String stdin, String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        HostChecker recording = host -> {
            checked.put(host.host(), host);
            return checker.check(host);
        };
        int exit = Main.run(
                args,
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8),
                in,
                connectTimeout -> recording);
        out = stdout.toString(StandardCharsets.UTF_8);
        err = stderr.toString(StandardCharsets.UTF_8);
        return exit;
    }

    @Test
    void checksTheStateGivenOnStdinWithTheFlagsAsSshSettingsAndExits0WhenClean() {
        int exit = run(
                host -> Fixtures.clean(),
                STATE,
                "drift",
                "--state",
                "-",
                "--private-key-file",
                "/k",
                "--host-key",
                "SHA256:abc",
                "--user",
                "ops",
                "--port",
                "2222",
                "--color",
                "never");

        assertThat(exit).as(err).isZero();
        assertThat(checked).containsOnlyKeys("a", "b");
        HostCheck a = checked.get("a");
        assertThat(a.tables()).containsExactly(Fixtures.WEB);
        assertThat(a.ssh().user()).isEqualTo("ops");
        assertThat(a.ssh().port()).isEqualTo(2222);
        assertThat(out).contains("2 hosts: 2 clean, 0 drifted, 0 errors");
    }

    @Test
    void exits2OnDriftAndWritesEveryRequestedReportFile() throws Exception {
        Path prometheus = dir.resolve("nftkeeper.prom");
        Path junit = dir.resolve("drift.xml");

        int exit = run(
                host -> host.host().equals("b") ? Fixtures.drifted(Fixtures.CHAIN_ADDED) : Fixtures.clean(),
                STATE,
                "drift",
                "--state",
                "-",
                "--private-key-file",
                "/k",
                "--known-hosts-file",
                "/kh",
                "--format",
                "json",
                "--report",
                "prometheus=" + prometheus,
                "--report",
                "junit=" + junit);

        assertThat(exit).as(err).isEqualTo(2);
        assertThat(out).contains("\"exit_code\" : 2");
        assertThat(PrometheusText.parse(Files.readString(prometheus))
                        .value("nftkeeper_drift_objects", "host", "b", "table", "inet/web", "kind", "chain"))
                .isEqualTo(1);
        assertThat(Files.readString(junit)).startsWith("<?xml");
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("nftkeeper.prom", "drift.xml");
        }
    }

    @Test
    void exits1WhenAHostFailsEvenIfAnotherDrifted() {
        int exit = run(
                host -> {
                    if (host.host().equals("a")) {
                        throw new IllegalStateException("cannot reach a:22");
                    }
                    return Fixtures.drifted(Fixtures.CHAIN_ADDED);
                },
                STATE,
                "drift",
                "--state",
                "-",
                "--private-key-file",
                "/k",
                "--host-key",
                "SHA256:abc");

        assertThat(exit).isEqualTo(1);
        assertThat(checked).containsOnlyKeys("a", "b");
    }

    @Test
    void hostsOnTheCommandLineMeanAllTheirManagedTables() {
        int exit = run(
                host -> Fixtures.clean(),
                "",
                "drift",
                "h1",
                "h2",
                "--private-key-file",
                "/k",
                "--host-key",
                "SHA256:abc",
                "--parallel",
                "1");

        assertThat(exit).isZero();
        assertThat(checked.values()).allMatch(HostCheck::allManagedTables);
    }

    @Test
    void aJobFileGivesHostsTablesAndPerHostSettings() throws Exception {
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, """
                ssh: {private_key_file: id, known_hosts_file: known_hosts}
                hosts:
                  - host: a
                    tables: [ip/nat]
                  - host: b
                    user: admin
                """);

        int exit = run(host -> Fixtures.clean(), "", "drift", "--job", job.toString());

        assertThat(exit).as(err).isZero();
        assertThat(checked.get("a").ssh().privateKeyFile()).isEqualTo(dir.resolve("id"));
        assertThat(checked.get("a").tables()).hasToString("[table ip nat]");
        assertThat(checked.get("b").ssh().user()).isEqualTo("admin");
    }

    @Test
    void badInputExits1WithAMessageAndChecksNothing() {
        List<String[]> bad = List.of(
                new String[] {"drift", "--state", "-"},
                new String[] {"drift", "--format", "xml", "h"},
                new String[] {"drift"},
                new String[] {"drift", "--timeout", "soon", "--private-key-file", "/k", "--host-key", "x", "h"});
        for (String[] args : bad) {
            assertThat(run(host -> Fixtures.clean(), STATE, args))
                    .as(String.join(" ", args))
                    .isEqualTo(1);
            assertThat(err).as(String.join(" ", args)).isNotBlank();
        }
        assertThat(checked).isEmpty();
    }
}
