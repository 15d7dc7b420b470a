package io.nftkeeper.acceptance.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SandboxHostIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    // unique per test JVM, so parallel runs by other people on this machine cannot collide
    private static final String PREFIX = "sbx" + ProcessHandle.current().pid() + "-";

    @Test
    void aSandboxAcceptsSshWithItsKeyAndDownRemovesNamespaceVethAndSshd() {
        SandboxHost sandbox = SandboxHost.up(PREFIX + "ssh");
        List<String> pidsInNamespace;
        try {
            CommandRun ssh = CommandRun.of(
                    TIMEOUT,
                    List.of(
                            "ssh",
                            "-i",
                            sandbox.privateKeyPath().toString(),
                            "-o",
                            "UserKnownHostsFile=" + sandbox.knownHostsFile(),
                            "-o",
                            "StrictHostKeyChecking=yes",
                            "-o",
                            "BatchMode=yes",
                            sandbox.user() + "@" + sandbox.address(),
                            "true"));
            assertThat(ssh.exitCode())
                    .as("ssh exit code, stderr: %s", ssh.stderr())
                    .isZero();
            assertThat(sandbox.hostKey()).startsWith("ssh-ed25519 AAAA");
            assertThat(sandbox.hostKeyFingerprint()).startsWith("SHA256:");
            assertThat(sandbox.privateKey()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
            pidsInNamespace =
                    run("ip", "netns", "pids", sandbox.netns()).lines().toList();
            assertThat(pidsInNamespace).as("sshd runs inside the namespace").isNotEmpty();
        } finally {
            sandbox.close();
        }

        assertThat(run("ip", "netns", "list")).doesNotContain(sandbox.netns() + " ", sandbox.netns() + "\n");
        assertThat(run("ip", "-o", "link", "show")).doesNotContain(sandbox.hostInterface() + "@");
        assertThat(run("ip", "-o", "addr", "show")).doesNotContain(sandbox.hostAddress() + "/30");
        assertThat(pidsInNamespace).noneMatch(SandboxHostIT::isRunning);
        assertThat(Path.of("/run/nftkeeper-sandbox", sandbox.name())).doesNotExist();
    }

    @Test
    void twoSandboxesRunAtOnceOnDifferentAddresses() {
        try (SandboxHost first = SandboxHost.up(PREFIX + "one");
                SandboxHost second = SandboxHost.up(PREFIX + "two")) {
            assertThat(first.address()).isNotEqualTo(second.address()).startsWith("10.213.");
            assertThat(second.address()).startsWith("10.213.");
            assertThat(first.nft("list tables")).isEmpty();
            assertThat(second.exec("ip", "-o", "addr", "show"))
                    .contains(second.address() + "/30")
                    .doesNotContain(" " + first.address() + "/");
        }
    }

    @Test
    void anInvalidNameFailsWithoutCreatingAnything() {
        assertThatThrownBy(() -> SandboxHost.up("Not-A-Valid-Name!"))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("invalid sandbox name");

        assertThat(run("ip", "netns", "list")).doesNotContain("Not-A-Valid-Name");
        assertNoOrphanVeth();
    }

    @Test
    void anUpThatFailsHalfwayRemovesWhatItCreated() {
        String name = PREFIX + "half";

        // sshd "fails" after namespace, veth pair and keys exist, so the script's cleanup has real work to do
        CommandRun up = CommandRun.of(
                TIMEOUT,
                Map.of("NFTKEEPER_SSHD", "/bin/false"),
                List.of(SandboxHost.script().toString(), "up", name));

        assertThat(up.exitCode()).isNotZero();
        assertThat(up.stderr()).contains("sshd");
        assertThat(run("ip", "netns", "list")).doesNotContain("nk-" + name);
        assertThat(Path.of("/run/nftkeeper-sandbox", name)).doesNotExist();
        assertNoOrphanVeth();
    }

    @Test
    void startingARunningSandboxAgainFailsAndLeavesTheFirstOneRunning() {
        try (SandboxHost sandbox = SandboxHost.up(PREFIX + "twice")) {
            assertThatThrownBy(() -> SandboxHost.up(sandbox.name()))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining("already up");

            assertThat(sandbox.exec("ip", "-o", "addr", "show")).contains(sandbox.address());
            assertThat(run("ip", "netns", "pids", sandbox.netns())).isNotBlank();
        }
    }

    /**
     * Every sandbox veth (nkh&lt;index&gt;) belongs to a sandbox whose state directory holds that index. Holds at any
     * moment, even while other sandboxes start and stop concurrently: the index is recorded before the veth exists
     * and released after it is gone.
     */
    private static void assertNoOrphanVeth() {
        Set<String> recordedIndexes = new HashSet<>();
        try (Stream<Path> dirs = Files.list(Path.of("/run/nftkeeper-sandbox"))) {
            for (Path index :
                    dirs.map(dir -> dir.resolve("index")).filter(Files::exists).toList()) {
                recordedIndexes.add(Files.readString(index).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> sandboxVeths = run("ip", "-o", "-br", "link", "show")
                .lines()
                .map(line -> line.split("[@ ]")[0])
                .filter(ifname -> ifname.matches("nkh\\d+"))
                .toList();
        assertThat(sandboxVeths)
                .allSatisfy(ifname -> assertThat(recordedIndexes).contains(ifname.substring(3)));
    }

    /** Running, not gone and not a zombie waiting for init (its parent) to reap it. */
    private static boolean isRunning(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException gone) {
            return false;
        }
    }

    private static String run(String... command) {
        return CommandRun.of(TIMEOUT, List.of(command)).stdoutOrThrow();
    }
}
