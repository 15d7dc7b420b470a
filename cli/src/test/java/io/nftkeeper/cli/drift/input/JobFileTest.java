package io.nftkeeper.cli.drift.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.cli.CliException;
import io.nftkeeper.cli.host.SshOptions;
import io.nftkeeper.cli.host.SshSettings;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.transport.AgentRuntimeChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobFileTest {

    private static final Path BASE = Path.of("/etc/nftkeeper");

    @Test
    void readsHostsTablesAndSshSettingsFilledFromTheDefaults() {
        JobFile job = JobFile.parse("""
                parallelism: 8
                timeout: 2m
                ssh:
                  user: ops
                  private_key_file: keys/id_ed25519
                  known_hosts_file: /etc/ssh/ssh_known_hosts
                hosts:
                  - host: 10.0.0.1
                    tables: [inet/web, ip/nat]
                  - host: 10.0.0.2
                    port: 2222
                    host_key: "ssh-ed25519 AAAA"
                  - 10.0.0.3
                """, "job.yaml", BASE);

        assertThat(job.parallelism()).contains(8);
        assertThat(job.timeout()).contains(Duration.ofMinutes(2));
        assertThat(job.hosts()).extracting(JobFile.Entry::host).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
        assertThat(job.hosts().get(0).tables())
                .containsExactly(new TableRef(Family.INET, "web"), new TableRef(Family.IP, "nat"));
        assertThat(job.hosts().get(2).tables()).isEmpty();

        SshSettings second = job.hosts().get(1).ssh().resolve("10.0.0.2");
        assertThat(second)
                .isEqualTo(new SshSettings(
                        "ops",
                        2222,
                        Path.of("/etc/nftkeeper/keys/id_ed25519"),
                        Optional.of("ssh-ed25519 AAAA"),
                        Optional.of(Path.of("/etc/ssh/ssh_known_hosts")),
                        SshOptions.DEFAULT_AGENT_DIRECTORY,
                        AgentRuntimeChoice.AUTO,
                        Duration.ofMinutes(15)));
    }

    @Test
    void theExampleJobFileOfTheDocsIsValid() {
        JobFile example = JobFile.read(Path.of("../examples/drift/drift-job.yaml"));

        assertThat(example.hosts())
                .extracting(JobFile.Entry::host)
                .containsExactly("fw1.example.org", "fw2.example.org", "10.0.0.7");
        assertThat(example.hosts().get(1).ssh().resolve("fw2.example.org").port())
                .isEqualTo(2222);
    }

    @Test
    void commandLineFlagsFillWhatTheJobLeavesOpen() {
        JobFile job = JobFile.parse("hosts: [10.0.0.1]\n", "job.yaml", BASE);
        SshOptions flags = new SshOptions(
                null, null, Path.of("/k"), "SHA256:abc", null, "/opt/agent", "bundled", Duration.ofMinutes(2));

        SshSettings settings = job.hosts().get(0).ssh().orElse(flags).resolve("10.0.0.1");

        assertThat(settings.user()).isEqualTo("root");
        assertThat(settings.port()).isEqualTo(22);
        assertThat(settings.hostKey()).contains("SHA256:abc");
        assertThat(settings.agentIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.agentDirectory()).isEqualTo("/opt/agent");
        assertThat(settings.agentRuntime()).isEqualTo(AgentRuntimeChoice.BUNDLED);
    }

    @Test
    void anUnknownAgentRuntimeNamesTheValidOnes() {
        JobFile job = JobFile.parse("hosts:\n  - host: a\n    agent_runtime: jre\n", "job.yaml", BASE);
        SshOptions flags = new SshOptions(null, null, Path.of("/k"), "SHA256:abc", null, null, null, null);

        assertThatThrownBy(() -> job.hosts().get(0).ssh().orElse(flags).resolve("a"))
                .isInstanceOf(CliException.class)
                .hasMessage("agent_runtime must be \"auto\", \"system\" or \"bundled\", not \"jre\" (for a)");
    }

    @Test
    void aTypoIsAnErrorNotASilentlyIgnoredSetting() {
        assertThatThrownBy(() -> JobFile.parse("hosts:\n  - host: a\n    privat_key_file: x\n", "job.yaml", BASE))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("job.yaml: hosts[0]: unknown key 'privat_key_file'");
    }

    @Test
    void rejectsBadValuesWithWhereTheyAre() {
        List.of(
                        List.of("hosts: []\n", "hosts must be a non-empty list"),
                        List.of("hosts: [a, a]\n", "host a is listed twice"),
                        List.of("parallelism: 0\nhosts: [a]\n", "parallelism must be a positive whole number"),
                        List.of("timeout: soon\nhosts: [a]\n", "timeout: \"soon\" is not a duration"),
                        List.of("hosts:\n  - host: a\n    tables: [web]\n", "hosts[0].tables: 'web' is not a table"),
                        List.of("hosts: [a\n", "is not valid YAML"),
                        List.of("- a\n", "job.yaml must be a mapping"))
                .forEach(c -> assertThatThrownBy(() -> JobFile.parse(c.get(0), "job.yaml", BASE))
                        .as(c.get(0))
                        .hasMessageContaining(c.get(1)));
    }

    @Test
    void missingCredentialsAreNamedWithTheWayToGiveThem() {
        assertThatThrownBy(() -> SshOptions.none().resolve("a"))
                .hasMessageContaining("no SSH private key for a: pass --private-key-file");
        assertThatThrownBy(() -> new SshOptions(null, null, Path.of("/k"), null, null, null, null, null).resolve("a"))
                .hasMessageContaining("--host-key or --known-hosts-file");
    }
}
