package io.nftkeeper.acceptance.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.sandbox.SudoersDropIn;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import io.nftkeeper.transport.AgentCommand;
import io.nftkeeper.transport.AgentJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent runs as root only from files nobody else could have written (issue 19, finding 1): a directory a local
 * user can write is refused before anything is uploaded to or run from it, a class-data archive that is not the one
 * made for the jar is never mapped, and {@code sudo = true} works with a real unprivileged user only from a
 * root-owned agent_dir that root installed, with a sudoers line naming only that.
 */
class TrustedAgentFilesIT {

    /** Per test JVM: two runs on one machine (two checkouts) must not share a user or a sudoers file. */
    private static final String SUFFIX = String.valueOf(ProcessHandle.current().pid() % 100000);

    private static final String LOCAL_USER = "secloc" + SUFFIX;
    private static final String DEPLOY_USER = "secdep" + SUFFIX;

    private static final SudoersDropIn SUDOERS = SudoersDropIn.named("nftkeeper-sec-trusted-files-it-" + SUFFIX);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static SandboxHost host;
    private final List<Path> agentDirs = new ArrayList<>();

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("sec-trust");
        for (String user : List.of(LOCAL_USER, DEPLOY_USER)) {
            CommandRun.of(TIMEOUT, List.of("userdel", user));
            run("useradd", "--no-create-home", "--shell", "/bin/sh", user);
            // a locked account ('!' password) may not log in even with a key; '*' means "no password" instead
            run("usermod", "-p", "*", user);
        }
    }

    @AfterAll
    static void stopHost() {
        SUDOERS.remove();
        for (String user : List.of(LOCAL_USER, DEPLOY_USER)) {
            CommandRun.of(TIMEOUT, List.of("userdel", user));
        }
        if (host != null) {
            host.close();
        }
    }

    @AfterEach
    void removeAgentDirs() {
        agentDirs.forEach(dir -> CommandRun.of(TIMEOUT, List.of("rm", "-rf", dir.toString())));
    }

    @Test
    void anAgentDirALocalUserOwnsIsRefusedAndNothingFromItRuns() throws IOException {
        Path agentDir = agentDir("rwxr-xr-x");
        run("chown", LOCAL_USER, agentDir.toString());
        Path planted = agentDir.resolve(AgentJar.bundled().fileName().replaceFirst("\\.jar$", ".jsa"));
        run("su", LOCAL_USER, "-s", "/bin/sh", "-c", "echo planted > " + planted);

        Terraform.Result apply = failingApply(agentDir, "owned");

        assertThat(oneLine(apply.stderr()))
                .contains(agentDir + " is not safe to run the agent from: it is owned by " + LOCAL_USER)
                .contains("chown root: " + agentDir);
        assertThat(host.nft("list tables")).doesNotContain("owned");
        assertThat(listing(agentDir))
                .as("nothing was uploaded there")
                .containsExactly(planted.getFileName().toString());
        assertThat(Files.readString(planted)).isEqualTo("planted\n");
    }

    @Test
    void aGroupWritableAgentDirIsRefusedNamingItsMode() {
        Path agentDir = agentDir("rwxrwxr-x");

        Terraform.Result apply = failingApply(agentDir, "groupw");

        assertThat(oneLine(apply.stderr()))
                .contains(agentDir + " is not safe to run the agent from: it is writable "
                        + "by group or others (mode 775)");
        assertThat(host.nft("list tables")).doesNotContain("groupw");
        assertThat(listing(agentDir)).isEmpty();
    }

    @Test
    void anArchiveThatIsNotTheOneMadeForTheJarIsNeverMapped() throws IOException {
        Path agentDir = agentDir("rwxr-xr-x");
        Terraform tf = Terraform.in(workDir.resolve("archive")).config(provider(agentDir, "") + table("archived"));
        tf.init();
        tf.apply();
        AgentJar jar = AgentJar.bundled();
        Path installed = agentDir.resolve(jar.fileName());
        AgentCommand command =
                new AgentCommand(run("sh", "-c", "command -v java").strip(), installed.toString(), jar.sha256(), false);
        Path archive = Path.of(command.archive());
        String made = sha256(archive);
        assertThat(Files.readString(Path.of(archive + ".sha256"))).isEqualTo(made + "  -\n");

        // the start command never maps a swapped archive: the agent starts without it (a mismatch is also what two
        // bootstraps replacing the archive at once leave behind, so it must not stop the agent)
        replace(archive, "a planted archive");
        CommandRun start = CommandRun.of(
                TIMEOUT,
                List.of(
                        "sh",
                        "-c",
                        "export NFTKEEPER_STATE_DIR=" + workDir.resolve("start-state") + "; set -x; "
                                + command.shellCommand() + " </dev/null"));
        assertThat(start.exitCode())
                .as("the agent served until its stdin closed")
                .isZero();
        assertThat(start.stderr())
                .contains("the class-data archive " + archive + " is not the one recorded")
                .contains("it was not loaded")
                .contains("-Xshare:auto")
                .doesNotContain("-XX:SharedArchiveFile");

        // a connection finds it out before the start and makes the archive again
        // the agent from before still runs, and a later connection reaches it without checking files it will not
        // start from; once it is gone, the next connection checks them before it starts an agent
        host.stopAgents();
        tf.plan().assertExit(0);
        assertThat(Files.readString(archive, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isNotEqualTo("a planted archive");
        assertThat(Files.readString(Path.of(archive + ".sha256"))).isEqualTo(sha256(archive) + "  -\n");
        tf.destroy();
    }

    @Test
    void sudoRunsTheAgentOnlyFromARootOwnedDirectoryRootInstalledItIn() throws IOException {
        Path agentDir = agentDir("rwxr-xr-x");
        String settings = "user = \"" + DEPLOY_USER + "\"\n  sudo = true\n";
        Terraform tf = Terraform.in(workDir.resolve("sudo")).config(provider(agentDir, settings) + table("sudoed"));
        tf.init();
        // sudo resets the environment; the sandbox's agent state directory must survive it
        SUDOERS.install("Defaults:" + DEPLOY_USER + " env_keep += \"NFTKEEPER_STATE_DIR\"\n");

        String refusal = errorDetail(
                tf.run("apply", "-input=false", "-auto-approve", "-json").assertExit(1));
        assertThat(refusal)
                .contains("sudo = true: root installs the agent on " + host.address() + ", since " + DEPLOY_USER
                        + " must not be able to write agent_dir " + agentDir);
        assertThat(host.nft("list tables")).doesNotContain("sudoed");
        assertThat(CommandRun.of(
                                TIMEOUT,
                                List.of(
                                        "su",
                                        DEPLOY_USER,
                                        "-s",
                                        "/bin/sh",
                                        "-c",
                                        "echo planted > " + agentDir + "/planted.jsa"))
                        .exitCode())
                .as("the SSH user cannot plant anything there")
                .isNotZero();

        // what the operator does: run the printed script as root, add the printed sudoers line
        String script = refusal.substring(
                refusal.indexOf("\n  sh -c ") + "\n  sh -c ".length(), refusal.indexOf("\nand allow "));
        CommandRun install = CommandRun.of(TIMEOUT, List.of("sh", "-c", "sh -c " + script));
        assertThat(install.exitCode()).as(install.stderr()).isZero();
        String sudoersLine = refusal.substring(refusal.lastIndexOf("\n  ") + 3).strip();
        assertThat(sudoersLine)
                .startsWith(DEPLOY_USER + " ALL=(root) NOPASSWD: ")
                .contains(" -jar " + agentDir + "/");
        SUDOERS.install("Defaults:" + DEPLOY_USER + " env_keep += \"NFTKEEPER_STATE_DIR\"\n" + sudoersLine + "\n");
        assertThat(listing(agentDir))
                .allSatisfy(name -> assertThat(ownerOf(agentDir.resolve(name))).isEqualTo("root"));

        tf.apply();
        assertThat(host.nft("list tables")).contains("table inet sudoed");
        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("sudoed");
    }

    private Path agentDir(String mode) {
        try {
            Path dir = Files.createTempDirectory("nftkeeper-sec-trust-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
            agentDirs.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Terraform.Result failingApply(Path agentDir, String table) {
        Terraform tf = Terraform.in(workDir.resolve(table)).config(provider(agentDir, "") + table(table));
        tf.init();
        return tf.run("apply", "-input=false", "-auto-approve").assertExit(1);
    }

    private static String provider(Path agentDir, String settings) {
        return Hcl.provider(host)
                .replace("host_key    =", "agent_dir   = \"" + agentDir + "\"\n  " + settings + "host_key    =");
    }

    private static String table(String name) {
        return Hcl.table(name, "inet", name);
    }

    /** The detail of the one error diagnostic of a {@code -json} run: unwrapped, as the provider wrote it. */
    private static String errorDetail(Terraform.Result result) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> details = new ArrayList<>();
        for (String line : result.stdout().lines().toList()) {
            JsonNode message = json.readTree(line);
            if (message.path("@level").asText().equals("error") && message.has("diagnostic")) {
                JsonNode diagnostic = message.get("diagnostic");
                details.add(diagnostic.path("summary").asText()
                        + diagnostic.path("detail").asText());
            }
        }
        assertThat(details).as(result.stdout()).hasSize(1);
        return details.get(0);
    }

    private static void replace(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".planted");
        Files.writeString(temporary, content);
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("r--r--r--"));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<String> listing(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ownerOf(Path file) {
        try {
            return Files.getOwner(file).getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        return run("sha256sum", file.toString()).split(" ")[0];
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }

    private static String run(String... command) {
        return CommandRun.of(TIMEOUT, List.of(command)).stdoutOrThrow();
    }
}
