package io.nftkeeper.acceptance.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.FileTrees;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.sandbox.SudoersDropIn;
import io.nftkeeper.acceptance.terraform.Terraform;
import io.nftkeeper.transport.AgentCommand;
import io.nftkeeper.transport.AgentJar;
import io.nftkeeper.transport.Fingerprints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way reaching a host can fail gives one error that names the host and says what to do, and changes nothing
 * on the host. A tampered agent jar is not a failure: it is replaced.
 */
class DiagnosticsIT {
    /** In the test range but on no sandbox: blackholed by scripts/sandbox-host, so no packet leaves the machine. */
    private static final String UNREACHABLE = "10.213.255.254";

    /** Per test JVM: two runs on one machine (two checkouts) must not share a user or a sudoers file. */
    private static final String SUFFIX = String.valueOf(ProcessHandle.current().pid() % 100000);

    private static final String DEPLOY_USER = "nkdep" + SUFFIX;
    private static final SudoersDropIn SUDOERS = SudoersDropIn.named("nftkeeper-diagnostics-it-" + SUFFIX);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static SandboxHost host;
    private static Path agentDir;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() throws IOException {
        agentDir = Files.createTempDirectory("nftkeeper-diagnostics-it-");
        host = SandboxHost.up("diag-it");
    }

    @AfterAll
    static void stopHost() throws IOException {
        if (host != null) {
            host.close();
        }
        FileTrees.delete(agentDir);
    }

    @Test
    void aHostKeyMismatchShowsTheExpectedAndThePresentedFingerprint() {
        Path pinnedKey = FleetFiles.newKey(workDir.resolve("not_the_host_key"), "");
        String pinned = read(Path.of(pinnedKey + ".pub")).strip();
        String pinnedFingerprint = fingerprint(Path.of(pinnedKey + ".pub"));

        long connectionsBefore = host.connectionsEndedBeforeLogin();
        var result = failingApply(
                provider(host.address(), host.privateKeyPath(), "host_key = \"" + pinned + "\"", agentDirSetting()),
                "mismatch");
        assertThat(host.connectionsEndedBeforeLogin() - connectionsBefore)
                .as("a refused host key is final: one connection, never tried again")
                .isEqualTo(1);

        assertThat(oneLine(result.stderr()))
                .contains("host key verification failed for " + host.address() + ":22")
                .contains("expected " + pinnedFingerprint)
                .contains("the server presented " + host.hostKeyFingerprint());
        assertThat(host.nft("list tables")).doesNotContain("mismatch");
    }

    @Test
    void aHostKeyMarkedRevokedInKnownHostsIsRefusedOnceEvenThoughAnotherLineListsIt() throws IOException {
        Path knownHosts = workDir.resolve("known_hosts_revoked");
        Files.writeString(knownHosts, host.address() + " " + host.hostKey() + "\n@revoked * " + host.hostKey() + "\n");
        long connectionsBefore = host.connectionsEndedBeforeLogin();

        var result = failingApply(
                provider(
                        host.address(),
                        host.privateKeyPath(),
                        "known_hosts_file = \"" + knownHosts + "\"",
                        agentDirSetting()),
                "revoked");

        assertThat(oneLine(result.stderr()))
                .contains("host key verification failed for " + host.address())
                .contains("marks @revoked");
        assertThat(host.connectionsEndedBeforeLogin() - connectionsBefore)
                .as("a refused host key is final: one connection, never tried again")
                .isEqualTo(1);
        assertThat(host.nft("list tables")).doesNotContain("revoked");
    }

    @Test
    void aKeyTheHostRefusesIsAnAuthenticationErrorThatDoesNotShowTheKey() {
        Path wrongKey = FleetFiles.newKey(workDir.resolve("wrong_key"), "");

        var result = failingApply(provider(host.address(), wrongKey, pinnedHostKey(), agentDirSetting()), "wrongkey");

        assertThat(oneLine(result.stderr())).contains("SSH authentication to root@" + host.address() + ":22 failed");
        assertThat(result.output())
                .doesNotContain(read(wrongKey).lines().skip(1).findFirst().orElseThrow());
        assertThat(host.nft("list tables")).doesNotContain("wrongkey");
    }

    @Test
    void anUnreachableHostIsNamed() {
        var result = failingApply(
                provider(UNREACHABLE, host.privateKeyPath(), pinnedHostKey(), agentDirSetting()), "unreachable");

        assertThat(oneLine(result.stderr())).contains("cannot reach " + UNREACHABLE + ":22");
    }

    @Test
    void aTamperedAgentJarOnTheHostIsUploadedAgain() throws IOException {
        Terraform tf = Terraform.in(workDir)
                .config(provider(host.address(), host.privateKeyPath(), pinnedHostKey(), agentDirSetting())
                        + table("first"));
        tf.init();
        tf.apply();
        Path installed = agentDir.resolve(AgentJar.bundled().fileName());
        Files.write(installed, new byte[] {'x'}, StandardOpenOption.APPEND);
        // the agent from before still runs, and a later connection reaches it without checking files it will not
        // start from; once it is gone, the next connection checks them before it starts an agent
        host.stopAgents();

        tf.config(provider(host.address(), host.privateKeyPath(), pinnedHostKey(), agentDirSetting())
                + table("first")
                + table("second"));
        tf.apply();

        assertThat(Fingerprints.sha256Hex(Files.readAllBytes(installed)))
                .isEqualTo(AgentJar.bundled().sha256());
        assertThat(host.nft("list tables")).contains("table inet second");
        tf.destroy();
    }

    @Test
    void javaMissingOnTheHostSaysWhatToInstallWhenOnlyTheHostsJavaMayRunTheAgent() {
        var result = failingApply(
                provider(
                        host.address(),
                        host.privateKeyPath(),
                        pinnedHostKey(),
                        agentDirSetting(),
                        "agent_java = \"/nonexistent/bin/java\"",
                        "agent_runtime = \"system\""),
                "nojava");

        assertThat(oneLine(result.stderr()))
                .contains("java not found on " + host.address())
                .contains("openjdk-17-jre-headless")
                .contains("agent_runtime");
        assertThat(host.nft("list tables")).doesNotContain("nojava");
    }

    @Test
    void javaOlderThan17SaysWhichVersionItFound() throws IOException {
        Path oldJava = FleetFiles.write(
                workDir.resolve("java11/bin/java"), "#!/bin/sh\necho 'openjdk version \"11.0.21\" 2023-10-17' >&2\n");
        Files.setPosixFilePermissions(oldJava, PosixFilePermissions.fromString("rwxr-xr-x"));

        var result = failingApply(
                provider(
                        host.address(),
                        host.privateKeyPath(),
                        pinnedHostKey(),
                        agentDirSetting(),
                        "agent_java = \"" + oldJava + "\"",
                        "agent_runtime = \"system\""),
                "oldjava");

        assertThat(oneLine(result.stderr()))
                .contains("java on " + host.address() + " is too old")
                .contains("Java 11")
                .contains("17 or newer");
        assertThat(host.nft("list tables")).doesNotContain("oldjava");
    }

    @Test
    void sudoWithoutNopasswdPrintsTheSudoersLineAndWorksOnceItIsInstalled() throws IOException {
        // its own directory: the other tests' agent directory is private to root (mode 0700)
        Path deployAgentDir = Files.createTempDirectory("nftkeeper-diagnostics-it-deploy-");
        try {
            run("useradd", "--no-create-home", "--shell", "/bin/sh", DEPLOY_USER);
            // a locked account ('!' password) may not log in even with a key; '*' means "no password" instead
            run("usermod", "-p", "*", DEPLOY_USER);
            // with sudo root installs the agent into a directory only root can write (TrustedAgentFilesIT): here by
            // an apply as root
            Files.setPosixFilePermissions(deployAgentDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Terraform asRoot = Terraform.in(workDir.resolve("install"))
                    .config(provider(
                                    host.address(),
                                    host.privateKeyPath(),
                                    pinnedHostKey(),
                                    "agent_dir = \"" + deployAgentDir + "\"")
                            + table("installed"));
            asRoot.init();
            asRoot.apply();
            asRoot.destroy();
            // sudo resets the environment; the sandbox's agent state directory must survive it
            SUDOERS.install("Defaults:" + DEPLOY_USER + " env_keep += \"NFTKEEPER_STATE_DIR\"\n");
            String provider = provider(
                    host.address(),
                    host.privateKeyPath(),
                    pinnedHostKey(),
                    "user = \"" + DEPLOY_USER + "\"",
                    "sudo = true",
                    "agent_dir = \"" + deployAgentDir + "\"");
            String jar = deployAgentDir.resolve(AgentJar.bundled().fileName()).toString();
            String sudoersLine = DEPLOY_USER + " ALL=(root) NOPASSWD: "
                    + run("sh", "-c", "command -v java").strip()
                    + " " + String.join(" ", AgentCommand.JVM_OPTIONS).replaceAll("([:=])", "\\\\$1")
                    + " -XX\\:SharedArchiveFile\\=" + jar.replaceFirst("\\.jar$", ".jsa") + " -jar " + jar + " serve";

            var refused = failingApply(provider, "sudoed");
            assertThat(oneLine(refused.stderr()))
                    .contains("sudo on " + host.address() + " refused to start the agent")
                    .contains(sudoersLine);
            assertThat(host.nft("list tables")).doesNotContain("sudoed");

            SUDOERS.install("Defaults:" + DEPLOY_USER + " env_keep += \"NFTKEEPER_STATE_DIR\"\n" + sudoersLine + "\n");
            Terraform tf = Terraform.in(workDir.resolve("allowed")).config(provider + table("sudoed"));
            tf.init();
            tf.apply();
            assertThat(host.nft("list tables")).contains("table inet sudoed");
            tf.destroy();
        } finally {
            SUDOERS.remove();
            CommandRun.of(TIMEOUT, List.of("userdel", DEPLOY_USER));
            FileTrees.delete(deployAgentDir);
        }
    }

    private Terraform.Result failingApply(String provider, String table) {
        Terraform tf = Terraform.in(workDir.resolve("tf-" + table)).config(provider + table(table));
        tf.init();
        var result = tf.run("apply", "-input=false", "-auto-approve").assertExit(1);
        assertThat(FleetFiles.errorCount(result.stderr())).as(result.stderr()).isEqualTo(1);
        return result;
    }

    /** A provider block with these settings, one per line (e.g. {@code host_key = "..."}). */
    private static String provider(String address, Path privateKey, String... settings) {
        return FleetFiles.REQUIRED_PROVIDERS + """
                provider "nftables" {
                  host        = "%s"
                  private_key = file("%s")
                  %s
                }
                """.formatted(address, privateKey, String.join("\n  ", settings));
    }

    private static String agentDirSetting() {
        return "agent_dir = \"" + agentDir + "\"";
    }

    private static String pinnedHostKey() {
        return "host_key = \"" + host.hostKey() + "\"";
    }

    private static String table(String name) {
        return """
                resource "nftables_table" "%s" {
                  family = "inet"
                  name   = "%s"
                }
                """.formatted(name, name);
    }

    private static String fingerprint(Path publicKey) {
        return run("ssh-keygen", "-l", "-E", "sha256", "-f", publicKey.toString())
                .split(" ")[1];
    }

    private static String run(String... command) {
        return CommandRun.of(TIMEOUT, List.of(command)).stdoutOrThrow();
    }

    /** Terraform wraps long diagnostics; compare against the text as one line. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
