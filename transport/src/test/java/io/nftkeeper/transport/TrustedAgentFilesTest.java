package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the generated checks in a real {@code sh} against files this test owns (trusted, as the SSH user's). */
class TrustedAgentFilesTest {

    @TempDir
    Path temp;

    private Path dir;
    private Path jar;
    private Path archive;

    @BeforeEach
    void install() throws Exception {
        dir = Files.createDirectory(temp.resolve("agent dir"));
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = write("nftkeeper-agent-x.jar", "the jar");
        archive = write("nftkeeper-agent-x.jsa", "the archive");
        write("nftkeeper-agent-x.jsa.sha256", sha256("the archive") + "  -\n");
    }

    @Test
    void trustedIntactFilesPass() throws Exception {
        assertThat(check()).isEqualTo(new Outcome(0, ""));
    }

    @Test
    void aGroupWritableAgentDirIsRefusedNamingItAndItsMode() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));

        Outcome outcome = check();
        assertThat(outcome.status()).isEqualTo(TrustedAgentFiles.EXIT_UNTRUSTED);
        assertThat(outcome.stderr())
                .startsWith(TrustedAgentFiles.ERROR_PREFIX + dir + " is not safe to run the agent "
                        + "from: it is writable by group or others (mode 775)")
                .contains("chmod go-w " + dir);
    }

    @Test
    void aWritableParentIsRefusedUnlessItIsARootOwnedStickyDirectory() throws Exception {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(check().stderr())
                .contains(
                        temp + " is not safe to run the agent from: it is writable by group or " + "others (mode 777)");
    }

    @Test
    void aDirectoryReachedThroughASymlinkIsCheckedWhereItReallyIs() throws Exception {
        Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path real = Files.createDirectory(elsewhere.resolve("agent"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), real);

        Outcome outcome =
                run(TrustedAgentFiles.functions(false) + TrustedAgentFiles.requireTrustedDirectory(link.toString()));
        assertThat(outcome.stderr())
                .contains(elsewhere + " is not safe to run the agent from: it is writable by "
                        + "group or others (mode 777)");
    }

    @Test
    void aMissingAgentDirSaysHowToCreateIt() throws Exception {
        Outcome outcome = run(TrustedAgentFiles.functions(true)
                + TrustedAgentFiles.requireTrustedDirectory(
                        temp.resolve("missing").toString()));
        assertThat(outcome.stderr())
                .contains("agent_dir " + temp.resolve("missing") + " does not exist; create it "
                        + "as root: install -d -o root -g root -m 0755 " + temp.resolve("missing"));
    }

    @Test
    void aPlantedArchiveIsRefusedAndNotLoaded() throws Exception {
        Files.writeString(archive, "a planted archive");

        Outcome outcome = check();
        assertThat(outcome.status()).isEqualTo(TrustedAgentFiles.EXIT_UNTRUSTED);
        assertThat(outcome.stderr())
                .contains("the class-data archive " + archive + " is not the one made for this " + "agent")
                .contains("it was not loaded");
    }

    @Test
    void withoutSudoAnIntactArchiveIsMapped() throws Exception {
        assertThat(archiveOption().stdout()).isEqualTo("-XX:SharedArchiveFile=" + archive + "\n");
    }

    @Test
    void withoutSudoAnArchiveThatIsNotTheRecordedOneIsNotMappedAndTheAgentStartsWithoutIt() throws Exception {
        Files.writeString(archive, "a planted archive");

        Outcome outcome = archiveOption();
        assertThat(outcome.stdout()).isEqualTo("-Xshare:auto\n");
        assertThat(outcome.stderr())
                .contains("the class-data archive " + archive + " is not the one recorded")
                .contains("it was not loaded");
    }

    @Test
    void withoutSudoAnArchiveWithoutItsRecordIsNotMapped() throws Exception {
        Files.delete(dir.resolve("nftkeeper-agent-x.jsa.sha256"));

        assertThat(archiveOption().stdout()).isEqualTo("-Xshare:auto\n");
    }

    @Test
    void withoutSudoAGroupWritableArchiveIsStillRefused() throws Exception {
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-rw-r--"));

        Outcome outcome = archiveOption();
        assertThat(outcome.status()).isEqualTo(TrustedAgentFiles.EXIT_UNTRUSTED);
        assertThat(outcome.stderr()).contains(archive + " is not safe to run the agent from");
    }

    @Test
    void anArchiveWithoutItsRecordIsRefused() throws Exception {
        Files.delete(dir.resolve("nftkeeper-agent-x.jsa.sha256"));

        assertThat(check().stderr()).contains(dir.resolve("nftkeeper-agent-x.jsa.sha256") + " does not exist");
    }

    @Test
    void anEmptyArchiveMarksAFailedOneAndNeedsNoRecord() throws Exception {
        Files.writeString(archive, "");
        Files.delete(dir.resolve("nftkeeper-agent-x.jsa.sha256"));

        assertThat(check()).isEqualTo(new Outcome(0, ""));
    }

    @Test
    void aChangedJarIsRefused() throws Exception {
        Files.writeString(jar, "another jar");

        assertThat(check().stderr()).contains("the agent jar " + jar + " is not the one this provider installed");
    }

    @Test
    void aGroupWritableJarIsRefused() throws Exception {
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-rw-r--"));

        assertThat(check().stderr())
                .contains(
                        jar + " is not safe to run the agent from: it is writable by group or " + "others (mode 664)");
    }

    @Test
    void aSymlinkedArchiveIsRefused() throws Exception {
        Files.delete(archive);
        Files.createSymbolicLink(archive, dir.resolve("nftkeeper-agent-x.jar"));

        assertThat(check().stderr()).contains(archive + " is not safe to run the agent from: it is not a regular file");
    }

    @Test
    void withSudoOnlyRootIsTrusted() throws Exception {
        Outcome outcome = run(TrustedAgentFiles.functions(true)
                + TrustedAgentFiles.requireTrustedDirectory(dir.toString()) + "echo passed");
        if (isRoot()) {
            assertThat(outcome.stdout()).isEqualTo("passed\n");
        } else {
            assertThat(outcome.stderr()).contains("not by root");
        }
    }

    @Test
    void anIntactRuntimePassesAndTheHostsOwnJavaIsNotChecked() throws Exception {
        Path java = runtime();

        assertThat(runtimeCheck(java.toString())).isEqualTo(new Outcome(0, ""));
        assertThat(TrustedAgentFiles.requireIntactRuntime("/usr/bin/java")).isEmpty();
    }

    @Test
    void aRuntimeFileThatDiffersFromItsManifestIsRefusedSayingWhatToDo() throws Exception {
        Path java = runtime();
        Files.writeString(java.resolveSibling("../lib/modules"), "tampered");

        Outcome outcome = runtimeCheck(java.toString());
        assertThat(outcome.status()).isEqualTo(TrustedAgentFiles.EXIT_UNTRUSTED);
        assertThat(outcome.stderr())
                .contains("a file differs from its sha256 in sha256sums")
                .contains("Remove it and the provider installs it again");
    }

    @Test
    void aRuntimeWithAnExtraFileALinkOrAWritableFileIsRefused() throws Exception {
        Path java = runtime();
        Path lib = java.getParent().resolveSibling("lib");
        Files.writeString(lib.resolve("libextra.so"), "");
        assertThat(runtimeCheck(java.toString()).stderr()).contains("it holds other files than its sha256sums lists");

        Files.delete(lib.resolve("libextra.so"));
        Files.createSymbolicLink(lib.resolve("link"), Path.of("/etc/passwd"));
        assertThat(runtimeCheck(java.toString()).stderr()).contains(lib.resolve("link") + " is a link");

        Files.delete(lib.resolve("link"));
        Files.setPosixFilePermissions(lib.resolve("modules"), PosixFilePermissions.fromString("rw-rw-r--"));
        assertThat(runtimeCheck(java.toString()).stderr())
                .contains(lib.resolve("modules") + " is a link or a special " + "file, writable by group or others");
    }

    @Test
    void aManifestOfAnotherRuntimeIsRefused() throws Exception {
        Path java = runtime();
        Path renamed = Files.move(java.getParent().getParent(), dir.resolve("runtime-" + "0".repeat(64)));

        assertThat(runtimeCheck(renamed.resolve("bin/java").toString()).stderr())
                .contains("its sha256sums is not the one of this runtime");
    }

    /** A runtime directory as the build makes it (two files and their manifest); returns its java. */
    private Path runtime() throws Exception {
        Path staging = Files.createDirectories(temp.resolve("staging/bin"));
        Files.writeString(staging.resolve("java"), "#!/bin/sh\n");
        Files.createDirectories(staging.resolveSibling("lib"));
        Files.writeString(staging.resolveSibling("lib").resolve("modules"), "classes");
        String manifest = "%s  ./bin/java\n%s  ./lib/modules\n".formatted(sha256("#!/bin/sh\n"), sha256("classes"));
        Path root = staging.getParent();
        Files.writeString(root.resolve(AgentRuntime.MANIFEST), manifest);
        run("chmod -R go-w " + root);
        Path runtime = Files.move(root, dir.resolve("runtime-" + sha256(manifest)));
        return runtime.resolve("bin/java");
    }

    private Outcome runtimeCheck(String java) throws Exception {
        return run(TrustedAgentFiles.functions(false) + TrustedAgentFiles.requireIntactRuntime(java) + "exit 0");
    }

    private Outcome check() throws Exception {
        return run(TrustedAgentFiles.functions(false) + TrustedAgentFiles.requireTrustedDirectory(dir + "/")
                + TrustedAgentFiles.requireIntactJar(jar.toString(), sha256("the jar"))
                + TrustedAgentFiles.requireIntactArchive(archive.toString()) + "exit 0");
    }

    private Outcome archiveOption() throws Exception {
        return run(TrustedAgentFiles.functions(false) + TrustedAgentFiles.archiveOption(archive.toString())
                + "echo \"$nk_cds\"");
    }

    private Path write(String name, String content) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    private static boolean isRoot() throws Exception {
        return run("id -u").stdout().strip().equals("0");
    }

    private static String sha256(String content) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    private record Outcome(int status, String stderr, String stdout) {
        Outcome(int status, String stderr) {
            this(status, stderr, "");
        }
    }

    private static Outcome run(String script) throws Exception {
        Process sh = new ProcessBuilder("sh", "-c", script).start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(sh.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(sh.waitFor(), err, out);
    }
}
