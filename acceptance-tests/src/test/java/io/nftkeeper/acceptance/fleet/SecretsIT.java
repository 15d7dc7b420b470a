package io.nftkeeper.acceptance.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.FileTrees;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.ProviderMirror;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An encrypted private key and its passphrase reach the provider and log in, yet appear nowhere terraform writes:
 * not in state, not in plan or state JSON, not in a TF_LOG=TRACE log (which includes the provider's own logs).
 */
class SecretsIT {
    private static final String PASSPHRASE = "correct-horse-battery-staple-4711";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private static SandboxHost host;
    private static Path agentDir;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() throws IOException {
        agentDir = Files.createTempDirectory("nftkeeper-secrets-it-");
        host = SandboxHost.up("secrets-it");
    }

    @AfterAll
    static void stopHost() throws IOException {
        if (host != null) {
            host.close();
        }
        FileTrees.delete(agentDir);
    }

    @Test
    void neitherTheKeyNorItsPassphraseAppearInStatePlansOrTraceLogs() throws IOException {
        Path key = FleetFiles.newKey(workDir.resolve("secret/id_ed25519"), PASSPHRASE);
        FleetFiles.authorize(host, Path.of(key + ".pub"));
        Path passphraseFile = FleetFiles.write(workDir.resolve("secret/passphrase"), PASSPHRASE + "\n");
        Path tf = workDir.resolve("tf");
        FleetFiles.write(
                tf.resolve("main.tf"),
                FleetFiles.REQUIRED_PROVIDERS
                        + """
                provider "nftables" {
                  host                   = "%s"
                  private_key            = file("%s")
                  private_key_passphrase = chomp(file("%s"))
                  host_key               = "%s"
                  agent_dir              = "%s"
                }
                resource "nftables_table" "t" {
                  family = "inet"
                  name   = "secrets"
                }
                """.formatted(host.address(), key, passphraseFile, host.hostKey(), agentDir));
        Path log = workDir.resolve("trace.log");

        terraform(tf, log, "init", "-input=false");
        terraform(tf, log, "plan", "-input=false", "-out=tfplan");
        String planJson = terraform(tf, log, "show", "-json", "tfplan");
        terraform(tf, log, "apply", "-input=false", "tfplan");
        String stateJson = terraform(tf, log, "show", "-json");
        terraform(tf, log, "plan", "-input=false", "-detailed-exitcode");
        assertThat(host.nft("list tables")).contains("table inet secrets");
        String trace = Files.readString(log);
        assertThat(trace).as("the trace log covers the provider's work").contains("nftables_table.t");

        List<String> keyLines = Files.readString(key)
                .lines()
                .filter(line -> !line.startsWith("-----"))
                .toList();
        Map<String, String> written = Map.of(
                "terraform.tfstate", Files.readString(tf.resolve("terraform.tfstate")),
                "show -json tfplan", planJson,
                "show -json", stateJson,
                "TF_LOG=TRACE log", trace);
        written.forEach((name, text) -> {
            assertThat(text).as(name).doesNotContain(PASSPHRASE);
            keyLines.forEach(line -> assertThat(text).as(name).doesNotContain(line));
        });

        terraform(tf, log, "destroy", "-input=false", "-auto-approve");
    }

    private static String terraform(Path dir, Path log, String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/local/bin/terraform", "-chdir=" + dir));
        command.addAll(List.of(args));
        CommandRun run = CommandRun.of(
                TIMEOUT,
                Map.of(
                        "TF_CLI_CONFIG_FILE", ProviderMirror.cliConfig().toString(),
                        "TF_IN_AUTOMATION", "1",
                        "CHECKPOINT_DISABLE", "1",
                        "TF_LOG", "TRACE",
                        "TF_LOG_PATH", log.toString()),
                command);
        if (!run.succeeded()) {
            throw new AssertionError("terraform " + String.join(" ", args) + " exited " + run.exitCode() + "\n"
                    + run.stdout() + run.stderr());
        }
        return run.stdout();
    }
}
